package dev.hyperdrive.endpoint.prepared;

import dev.hyperdrive.wire.PgMessage;
import java.util.List;

/**
 * What to send to the origin for one driver message, computed by {@link ReplayPlanner} and applied by
 * {@link SessionStatements}. Every decision also says which answer it expects, so the
 * {@link ResponseQueue} can tell the driver's answers from the relay's.
 *
 * <p>There is no "drop": every message the driver sends is answered by the origin (a stand-in message
 * when the relay answers for it), so answers stay in order and the origin's skip-until-Sync applies.
 */
sealed interface ReplayDecision {

  /** Send the driver's frame untouched; {@code expected} is null for messages nothing answers (Flush, CopyData). */
  record Forward(ExpectedResponse expected) implements ReplayDecision {}

  /** Send {@code replacement} instead of the driver's frame (a renamed statement, a stand-in, a probe). */
  record Rewrite(PgMessage replacement, ExpectedResponse expected) implements ReplayDecision {}

  /** Send {@code injected} first (evictions, a replayed Parse), then apply {@code then}. */
  record Prepend(List<Injected> injected, ReplayDecision then) implements ReplayDecision {}

  /** A message the relay adds, with its expected answer. */
  record Injected(PgMessage message, ExpectedResponse expected) {}
}
