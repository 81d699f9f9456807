package dev.hyperdrive.endpoint.prepared;

import dev.hyperdrive.endpoint.prepared.ReplayDecision.Forward;
import dev.hyperdrive.endpoint.prepared.ReplayDecision.Injected;
import dev.hyperdrive.endpoint.prepared.ReplayDecision.Prepend;
import dev.hyperdrive.endpoint.prepared.ReplayDecision.Rewrite;
import dev.hyperdrive.wire.Frames;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.backend.CommandComplete;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ParseComplete;
import dev.hyperdrive.wire.frontend.Close;
import dev.hyperdrive.wire.frontend.Describe;
import dev.hyperdrive.wire.frontend.FrontendDecoder;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.StatementKey;
import dev.hyperdrive.wire.frontend.Target;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, for each message a driver sends, what the origin connection at hand must receive so that the
 * driver sees exactly what PostgreSQL would have said to it (DESIGN.md §4): client statement names become
 * the shared server names, a statement the connection lacks is prepared first (its ParseComplete
 * swallowed), and answers PostgreSQL would give from the client's own state (42P05, 26000, Close of an
 * unknown name) come from a stand-in the origin answers in order. The client's and the connection's
 * bookkeeping change here, as each message is planned; what the origin then reports settles it.
 */
final class ReplayPlanner {
  private static final Describe FAILING_PROBE = new Describe(Target.STATEMENT, ServerStatementNames.ABSENT);
  private static final Close HARMLESS_CLOSE = new Close(Target.STATEMENT, ServerStatementNames.ABSENT);
  private static final Query FAILING_QUERY = new Query("DEALLOCATE " + ServerStatementNames.ABSENT);
  /** Answered like DEALLOCATE: errors only where DEALLOCATE would (in an aborted transaction). */
  private static final Query HARMLESS_QUERY = new Query("SELECT");

  private final ClientStatements client;
  private final ServerStatementNames names;
  private final int maxPreparedStatements;
  private final ResponseOutcomes outcomes;

  ReplayPlanner(ClientStatements client, ServerStatementNames names, int maxPreparedStatements) {
    this.client = client;
    this.names = names;
    this.maxPreparedStatements = maxPreparedStatements;
    this.outcomes = new ResponseOutcomes(client, names);
  }

  ReplayDecision plan(ByteBuf frame, ConnectionStatements held) throws ProtocolException {
    switch (Frames.tag(frame)) {
      case 'E':
        return forward(ResponseKind.EXECUTE, outcomes.watchForDeallocateAll(held));
      case 'S':
        return forward(ResponseKind.SYNC, ResponseOutcome.NONE);
      case 'B':
        return bind(frame, held);
      case 'P':
        return parse((Parse) FrontendDecoder.decode(frame.duplicate()), held);
      case 'D':
        return describe((Describe) FrontendDecoder.decode(frame.duplicate()), held);
      case 'C':
        return close((Close) FrontendDecoder.decode(frame.duplicate()), held);
      case 'Q':
        return query((Query) FrontendDecoder.decode(frame.duplicate()), held);
      case 'F':
        return forward(ResponseKind.FUNCTION_CALL, ResponseOutcome.NONE);
      default:
        return new Forward(null); // Flush, COPY data: nothing is answered for them alone
    }
  }

  private ReplayDecision parse(Parse parse, ConnectionStatements held) {
    String name = parse.statement();
    ErrorResponse refusal = SqlPreparedCommands.refusalInParse(parse.query());
    if (name.isEmpty()) {
      if (refusal != null) {
        return failAs(refusal);
      }
      UnnamedStatement unnamed = new UnnamedStatement(parse);
      client.unnamed(unnamed);
      held.unnamedOwner(unnamed);
      return forward(ResponseKind.PARSE, outcomes.unnamedParse(unnamed, held));
    }
    if (client.defines(name)) {
      return failAs(PreparedStatementErrors.alreadyExists(name));
    }
    if (refusal != null) {
      return failAs(refusal);
    }
    StatementKey key = new StatementKey(parse.query(), parse.parameterTypes());
    client.define(name, key);
    ResponseOutcome undefine = outcomes.undefineOnFailure(name, client.generation());
    String serverName = names.nameFor(key);
    if (held.holds(serverName)) {
      // The connection has it already: the origin's answer to a harmless Close stands in for ParseComplete.
      return new Rewrite(HARMLESS_CLOSE,
          new ExpectedResponse(ResponseKind.CLOSE, new ResponseHandling.AnswerAs(ParseComplete.INSTANCE), undefine));
    }
    ReplayDecision rewritten = new Rewrite(new Parse(serverName, parse.query(), parse.parameterTypes()),
        new ExpectedResponse(ResponseKind.PARSE, ResponseHandling.FORWARD,
            ResponseOutcomes.both(outcomes.serverParse(key, serverName, held), undefine)));
    return withRoom(held, serverName, new ArrayList<>(), rewritten);
  }

  private ReplayDecision bind(ByteBuf frame, ConnectionStatements held) throws ProtocolException {
    String name = BindFrames.statementName(frame);
    if (name.isEmpty()) {
      return useUnnamed(ResponseKind.BIND, held);
    }
    StatementKey key = client.lookup(name);
    if (key == null) {
      return failAs(PreparedStatementErrors.doesNotExist(name));
    }
    String serverName = names.nameFor(key);
    ReplayDecision rewritten = new Rewrite(BindFrames.renamed(frame, serverName),
        new ExpectedResponse(ResponseKind.BIND, ResponseHandling.FORWARD, outcomes.retireStalePlan(key, serverName)));
    return ensurePrepared(key, serverName, held, rewritten);
  }

  private ReplayDecision describe(Describe describe, ConnectionStatements held) {
    if (describe.target() == Target.PORTAL) {
      return forward(ResponseKind.DESCRIBE_PORTAL, ResponseOutcome.NONE);
    }
    if (describe.name().isEmpty()) {
      return useUnnamed(ResponseKind.DESCRIBE_STATEMENT, held);
    }
    StatementKey key = client.lookup(describe.name());
    if (key == null) {
      return failAs(PreparedStatementErrors.doesNotExist(describe.name()));
    }
    String serverName = names.nameFor(key);
    // A Describe revalidates the plan too: a schema change surfaces here as 0A000 as well as at Bind.
    ReplayDecision rewritten = new Rewrite(new Describe(Target.STATEMENT, serverName),
        new ExpectedResponse(ResponseKind.DESCRIBE_STATEMENT, ResponseHandling.FORWARD,
            outcomes.retireStalePlan(key, serverName)));
    return ensurePrepared(key, serverName, held, rewritten);
  }

  private ReplayDecision close(Close close, ConnectionStatements held) {
    if (close.target() == Target.PORTAL) {
      return forward(ResponseKind.CLOSE, ResponseOutcome.NONE);
    }
    if (close.name().isEmpty()) {
      UnnamedStatement unnamed = client.unnamed();
      client.forgetUnnamed(unnamed);
      held.unnamedOwner(null);
      return forward(ResponseKind.CLOSE, outcomes.restoreUnnamedOnFailure(unnamed));
    }
    // The server statement stays: the connection keeps it for whoever prepares the same SQL next.
    ClientStatements.Definition closed = client.undefine(close.name());
    return new Rewrite(HARMLESS_CLOSE,
        new ExpectedResponse(ResponseKind.CLOSE, ResponseHandling.FORWARD, outcomes.restoreOnFailure(close.name(), closed)));
  }

  private ReplayDecision query(Query query, ConnectionStatements held) {
    // A simple Query drops the unnamed statement (exec_simple_query), on the origin and for the client.
    client.unnamed(null);
    held.unnamedOwner(null);
    SqlPreparedCommands.Command command = SqlPreparedCommands.inQuery(query.sql());
    if (command instanceof SqlPreparedCommands.Refused refused) {
      return new Rewrite(FAILING_QUERY,
          new ExpectedResponse(ResponseKind.QUERY, new ResponseHandling.FailAs(refused.error()), ResponseOutcome.NONE));
    }
    if (command instanceof SqlPreparedCommands.Deallocate deallocate) {
      ClientStatements.Definition removed = client.undefine(deallocate.name());
      if (removed == null) {
        return new Rewrite(FAILING_QUERY, new ExpectedResponse(ResponseKind.QUERY,
            new ResponseHandling.FailAs(PreparedStatementErrors.doesNotExist(deallocate.name())), ResponseOutcome.NONE));
      }
      return new Rewrite(HARMLESS_QUERY, new ExpectedResponse(ResponseKind.QUERY,
          new ResponseHandling.AnswerAs(new CommandComplete("DEALLOCATE")),
          outcomes.restoreOnFailure(deallocate.name(), removed)));
    }
    return forward(ResponseKind.QUERY, outcomes.watchForDeallocateAll(held));
  }

  /** Bind or Describe of the unnamed statement: replays the session's last unnamed Parse where it is missing. */
  private ReplayDecision useUnnamed(ResponseKind kind, ConnectionStatements held) {
    UnnamedStatement unnamed = client.unnamed();
    if (unnamed == null) {
      // Never forwarded as is: the connection may hold another session's unnamed statement.
      return failAs(PreparedStatementErrors.unnamedDoesNotExist());
    }
    ReplayDecision forwarded = forward(kind, ResponseOutcome.NONE);
    if (held.unnamedOwner() == unnamed) {
      return forwarded;
    }
    held.unnamedOwner(unnamed);
    Injected replay = new Injected(unnamed.parse(),
        new ExpectedResponse(ResponseKind.PARSE, ResponseHandling.SWALLOW, outcomes.unnamedParse(unnamed, held)));
    return new Prepend(List.of(replay), forwarded);
  }

  /** Prepares {@code serverName} first (invisibly) when the connection lacks it. */
  private ReplayDecision ensurePrepared(StatementKey key, String serverName, ConnectionStatements held,
      ReplayDecision then) {
    if (held.holds(serverName)) {
      return then;
    }
    List<Injected> injected = new ArrayList<>();
    ReplayDecision withParse = new Prepend(List.of(new Injected(new Parse(serverName, key.query(), key.parameterTypes()),
        new ExpectedResponse(ResponseKind.PARSE, ResponseHandling.SWALLOW, outcomes.serverParse(key, serverName, held)))), then);
    return withRoom(held, serverName, injected, withParse);
  }

  /** Evicts (with a swallowed Close each) what must go for {@code serverName} to fit, then marks it coming. */
  private ReplayDecision withRoom(ConnectionStatements held, String serverName, List<Injected> injected,
      ReplayDecision then) {
    for (String victim : held.evictToFitOneMore(maxPreparedStatements)) {
      injected.add(new Injected(new Close(Target.STATEMENT, victim),
          new ExpectedResponse(ResponseKind.CLOSE, ResponseHandling.SWALLOW, outcomes.restoreEvictedOnFailure(victim, held))));
    }
    held.preparing(serverName);
    return injected.isEmpty() ? then : new Prepend(injected, then);
  }

  private static ReplayDecision forward(ResponseKind kind, ResponseOutcome outcome) {
    return new Forward(new ExpectedResponse(kind, ResponseHandling.FORWARD, outcome));
  }

  /** A probe the origin rejects, so its error rules apply; the driver sees {@code error} in its place. */
  private static ReplayDecision failAs(ErrorResponse error) {
    return new Rewrite(FAILING_PROBE,
        new ExpectedResponse(ResponseKind.DESCRIBE_STATEMENT, new ResponseHandling.FailAs(error), ResponseOutcome.NONE));
  }
}
