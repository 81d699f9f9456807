package dev.hyperdrive.edge.statements;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** What to do with a batch of driver requests: computed by {@link EdgeStatements}, applied by the session. */
public sealed interface BatchDecision {
  /** Write {@code replies} to the driver; nothing goes to the origin. */
  record AnswerLocally(ByteBuf replies) implements BatchDecision {}

  /** Send {@code frames} to the endpoint, which will answer as {@code expectations} list. */
  record Forward(ByteBuf frames, List<Expectation> expectations) implements BatchDecision {}
}
