package dev.hyperdrive.edge.statements;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.CloseComplete;
import dev.hyperdrive.wire.backend.ParseComplete;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.frontend.Close;
import dev.hyperdrive.wire.frontend.Describe;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.StatementKey;
import dev.hyperdrive.wire.frontend.Target;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers, without a round trip, a batch that only prepares, describes or closes statements the
 * origin is known to accept, ended by Flush or Sync: what postgres.js sends for every new statement
 * (Parse, Describe, Flush) and pgbench -M prepared at start-up (Parse, Sync). The answer is exactly
 * PostgreSQL's: ParseComplete, ParameterDescription and RowDescription/NoData as the origin gave them,
 * CloseComplete, and for Sync ReadyForQuery with the session's real transaction status.
 */
final class LocalAnswers {
  /** A statement removed in the batch being examined. */
  private static final PendingStatement CLOSED = new PendingStatement("", new StatementKey("", new int[0]),
      new byte[0], null, false);

  private final SessionStatements statements;

  LocalAnswers(SessionStatements statements) {
    this.statements = statements;
  }

  /**
   * The replies for the batch if the edge can give them all, and then the session's statements are
   * updated; empty (and nothing changed) otherwise. Call only when nothing is owed by the origin, no
   * implicit transaction is open there and the session's transaction has not failed.
   */
  Optional<ByteBuf> answer(List<RequestFrame> frames, TransactionStatus status) throws ProtocolException {
    if (frames.size() < 2) {
      return Optional.empty();
    }
    byte last = frames.get(frames.size() - 1).tag();
    if (last != 'H' && last != 'S') {
      return Optional.empty();
    }
    Map<String, PendingStatement> changes = new LinkedHashMap<>();
    ByteBuf replies = Unpooled.buffer();
    for (RequestFrame frame : frames.subList(0, frames.size() - 1)) {
      boolean answered = switch (frame.tag()) {
        case 'P' -> answerParse(frame, changes, replies);
        case 'D' -> answerDescribe(frame.describe(), changes, replies);
        case 'C' -> answerClose(frame.close(), changes, replies);
        default -> false;
      };
      if (!answered) {
        replies.release();
        return Optional.empty();
      }
    }
    if (last == 'S') {
      ReadyForQuery.of(status).encode(replies);
    }
    statements.cache().answeredLocally();
    changes.forEach((name, statement) -> {
      if (statement == CLOSED) {
        statements.dropPending(name);
      } else {
        statements.putPending(statement);
      }
    });
    return Optional.of(replies);
  }

  private boolean answerParse(RequestFrame frame, Map<String, PendingStatement> changes, ByteBuf replies)
      throws ProtocolException {
    Parse parse = frame.parse();
    String name = parse.statement();
    StatementKey key = new StatementKey(parse.query(), parse.parameterTypes());
    if (statements.cache().lookup(key).isEmpty()) {
      return false;
    }
    // Re-preparing a live name is an error (42P05) only the origin should report.
    if (!name.isEmpty() && (statements.mayBeAtOrigin(name) || current(name, changes).isPresent())) {
      return false;
    }
    changes.put(name, new PendingStatement(name, key, ByteBufUtil.getBytes(frame.frame()), null, false));
    ParseComplete.INSTANCE.encode(replies);
    return true;
  }

  private boolean answerDescribe(Describe describe, Map<String, PendingStatement> changes, ByteBuf replies) {
    if (describe.target() != Target.STATEMENT) {
      return false;
    }
    Optional<PendingStatement> local = current(describe.name(), changes);
    if (local.isEmpty() || local.get().sending()) {
      return false;
    }
    PendingStatement statement = local.get();
    Optional<StatementShape> shape = statement.answeredShape() != null ? Optional.of(statement.answeredShape())
        : statements.cache().lookup(statement.key()).flatMap(StatementMetadataCache.Known::shape);
    if (shape.isEmpty()) {
      return false;
    }
    changes.put(statement.name(), statement.described(shape.get()));
    replies.writeBytes(shape.get().describeReply());
    return true;
  }

  private boolean answerClose(Close close, Map<String, PendingStatement> changes, ByteBuf replies) {
    if (close.target() != Target.STATEMENT) {
      return false;
    }
    Optional<PendingStatement> local = current(close.name(), changes);
    if (local.isPresent() && local.get().sending()) {
      return false;
    }
    // Closing a statement that does not exist is not an error; one the origin holds must be closed there.
    if (local.isEmpty() && statements.mayBeAtOrigin(close.name())) {
      return false;
    }
    changes.put(close.name(), CLOSED);
    CloseComplete.INSTANCE.encode(replies);
    return true;
  }

  /** The pending statement of this name as the batch so far leaves it. */
  private Optional<PendingStatement> current(String name, Map<String, PendingStatement> changes) {
    if (changes.containsKey(name)) {
      PendingStatement changed = changes.get(name);
      return changed == CLOSED ? Optional.empty() : Optional.of(changed);
    }
    return statements.pending(name);
  }
}
