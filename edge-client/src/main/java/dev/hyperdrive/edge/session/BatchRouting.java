package dev.hyperdrive.edge.session;

import dev.hyperdrive.edge.cache.AnswerObserver;
import dev.hyperdrive.edge.cache.ParseHandover;
import dev.hyperdrive.edge.cache.SessionCache;
import dev.hyperdrive.edge.statements.BatchDecision;
import dev.hyperdrive.edge.statements.EdgeStatements;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.frontend.Parse;
import io.netty.channel.ChannelHandlerContext;
import java.util.function.Consumer;

/**
 * Sends one complete driver batch on its way. The result cache looks at it first, as the driver wrote
 * it: it is answered locally, held, or relayed; what is relayed then passes the statement-metadata
 * cache. Runs on the session's event loop; the session moves to the state the returned route implies.
 */
final class BatchRouting {
  /** Where a batch went. */
  enum Route { ANSWERED_FROM_CACHE, ANSWERED_FROM_STATEMENTS, RELAYED, HELD }

  private final ChannelHandlerContext ctx;
  private final SessionCache cache;
  private final EdgeStatements statements;
  private final SessionRelay relay;
  private final ParseHandover parseHandover;

  BatchRouting(ChannelHandlerContext ctx, SessionCache cache, EdgeStatements statements, SessionRelay relay) {
    this.ctx = ctx;
    this.cache = cache;
    this.statements = statements;
    this.relay = relay;
    this.parseHandover = new ParseHandover() {
      @Override
      public boolean canPrepareWithoutOrigin(Parse parse) {
        return statements.canPrepareWithoutOrigin(parse.statement());
      }

      @Override
      public void preparedWithoutOrigin(Parse parse) {
        statements.preparedWithoutOrigin(parse);
      }
    };
  }

  /** Asks the result cache what to do; {@code later} gets the plan of a batch that must wait first. */
  SessionCache.Plan plan(RequestBatcher.Batch batch, Consumer<SessionCache.Plan> later) {
    return cache.plan(batch.frames(), batch.readyForQueryExpected(), relay.transactionStatus(), relay.busyForCache(),
        parseHandover, later);
  }

  Route route(RequestBatcher.Batch batch, SessionCache.Plan plan) throws SessionRefused {
    if (plan instanceof SessionCache.Answer answer) {
      batch.frames().release();
      CachedAnswers.write(ctx, answer.result());
      relay.endOpenRequest();
      return Route.ANSWERED_FROM_CACHE;
    }
    if (plan instanceof SessionCache.Forward forward) {
      return pastStatements(batch, forward.observer());
    }
    return Route.HELD;
  }

  /** Answers the batch here if the edge knows its statements, else sends it to the endpoint. */
  private Route pastStatements(RequestBatcher.Batch batch, AnswerObserver observer) throws SessionRefused {
    BatchDecision decision;
    try {
      decision = statements.plan(batch.frames(), relay.originSettled(), relay.transactionStatus());
    } catch (ProtocolException malformed) {
      observer.onAbandoned();
      throw new SessionRefused(SessionErrors.protocolViolation(malformed.getMessage()));
    }
    if (decision instanceof BatchDecision.AnswerLocally local) {
      observer.onAnsweredAtEdge(relay.transactionStatus()); // no origin answer will pass the relay for it
      ctx.writeAndFlush(local.replies());
      return Route.ANSWERED_FROM_STATEMENTS;
    }
    relay.forward((BatchDecision.Forward) decision, batch, observer);
    return Route.RELAYED;
  }
}
