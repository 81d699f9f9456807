package dev.hyperdrive.edge.statements;

import dev.hyperdrive.edge.statements.Expectation.Kind;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.frontend.Close;
import dev.hyperdrive.wire.frontend.Describe;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.StatementKey;
import dev.hyperdrive.wire.frontend.Sync;
import dev.hyperdrive.wire.frontend.Target;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prepares a batch for the origin: lists the answers it will produce, and puts in front of it the
 * Parse of every statement it uses that the edge answered locally, each followed by a Describe so the
 * origin's description can be checked against what the driver was told. The answers to those two
 * injected requests never reach the driver.
 */
final class ForwardPlanner {
  private final SessionStatements statements;

  ForwardPlanner(SessionStatements statements) {
    this.statements = statements;
  }

  /** Takes ownership of {@code frames}; the decision's frames are what to send. */
  BatchDecision.Forward plan(ByteBuf frames, List<RequestFrame> requests, TransactionStatus status)
      throws ProtocolException {
    Walk walk = new Walk();
    for (RequestFrame request : requests) {
      walk.visit(request, status);
    }
    if (walk.injected.isEmpty()) {
      return new BatchDecision.Forward(frames, walk.expectations);
    }
    CompositeByteBuf combined = Unpooled.compositeBuffer(Integer.MAX_VALUE);
    List<Expectation> expectations = new ArrayList<>();
    for (PendingStatement statement : walk.injected.values()) {
      combined.addComponent(true, Unpooled.wrappedBuffer(statement.parseFrame()));
      ByteBuf describe = Unpooled.buffer(7 + statement.name().length() * 3);
      new Describe(Target.STATEMENT, statement.name()).encode(describe);
      combined.addComponent(true, describe);
      expectations.add(Expectation.injectedParse(statement.name(), statement.key()));
      expectations.add(Expectation.injectedDescribe(statement.name(), statement.key(), statement.answeredShape()));
      statements.putPending(statement.sending(true));
    }
    if (walk.sawQuery) {
      // Were an injected Parse refused, the origin would skip up to the next Sync, and a simple Query has
      // none: end the injected requests with their own Sync, whose ReadyForQuery the driver never sees.
      ByteBuf sync = Unpooled.buffer(5);
      Sync.INSTANCE.encode(sync);
      combined.addComponent(true, sync);
      expectations.add(Expectation.injectedSync());
    }
    combined.addComponent(true, frames);
    expectations.addAll(walk.expectations);
    return new BatchDecision.Forward(combined, expectations);
  }

  /** One pass over the batch's requests, in order. */
  private final class Walk {
    final List<Expectation> expectations = new ArrayList<>();
    final Map<String, PendingStatement> injected = new LinkedHashMap<>();
    /** Names the batch itself prepared or closed before the current request: those mean the new one. */
    final Set<String> redefined = new HashSet<>();
    final Map<String, StatementKey> parsedHere = new LinkedHashMap<>();
    boolean sawQuery;

    void visit(RequestFrame request, TransactionStatus status) throws ProtocolException {
      switch (request.tag()) {
        case 'P' -> visitParse(request.parse());
        case 'B' -> {
          use(request.boundStatement());
          expectations.add(Expectation.of(Kind.BIND));
        }
        case 'D' -> visitDescribe(request.describe());
        case 'E' -> expectations.add(Expectation.of(Kind.EXECUTE));
        case 'C' -> visitClose(request.close());
        case 'S' -> expectations.add(Expectation.of(Kind.SYNC));
        case 'Q' -> visitQuery(request.queryText(), status);
        case 'F' -> expectations.add(Expectation.of(Kind.UNTIL_READY));
        default -> { } // Flush, COPY data: no answer of their own
      }
    }

    private void visitParse(Parse parse) {
      String name = parse.statement();
      StatementKey key = new StatementKey(parse.query(), parse.parameterTypes());
      if (name.isEmpty()) {
        if (!redefined.contains(name) && !injected.containsKey(name)) {
          statements.dropPending(name); // a new unnamed statement replaces the one never sent
        }
      } else {
        use(name); // a live name: the origin must see it exists and refuse (42P05)
      }
      redefined.add(name);
      parsedHere.put(name, key);
      expectations.add(Expectation.forStatement(Kind.PARSE, name, key));
    }

    private void visitDescribe(Describe describe) {
      if (describe.target() == Target.PORTAL) {
        expectations.add(Expectation.of(Kind.DESCRIBE_PORTAL));
        return;
      }
      String name = describe.name();
      use(name);
      StatementKey key = parsedHere.containsKey(name) ? parsedHere.get(name) : statements.keyOf(name).orElse(null);
      expectations.add(Expectation.forStatement(Kind.DESCRIBE_STATEMENT, name, key));
    }

    private void visitClose(Close close) {
      if (close.target() == Target.PORTAL) {
        expectations.add(Expectation.of(Kind.CLOSE_PORTAL));
        return;
      }
      use(close.name());
      redefined.add(close.name());
      parsedHere.remove(close.name());
      expectations.add(Expectation.forStatement(Kind.CLOSE_STATEMENT, close.name(), null));
    }

    private void visitQuery(String sql, TransactionStatus status) {
      sawQuery = true;
      // A simple Query destroys the unnamed statement; SQL can name prepared statements
      // (EXECUTE, DEALLOCATE, DISCARD), so those must exist at the origin first.
      if (!redefined.contains("") && !injected.containsKey("")) {
        statements.dropPending("");
      }
      redefined.add("");
      if (status != TransactionStatus.FAILED && namesPreparedStatements(sql)) {
        for (PendingStatement statement : List.copyOf(statements.allPending())) {
          use(statement.name());
        }
      }
      expectations.add(Expectation.of(Kind.UNTIL_READY));
    }

    /** The request refers to {@code name}: if it is a locally answered statement, the origin needs it first. */
    private void use(String name) {
      if (redefined.contains(name) || injected.containsKey(name)) {
        return;
      }
      statements.pending(name).filter(statement -> !statement.sending())
          .ifPresent(statement -> injected.put(name, statement));
    }
  }

  static boolean namesPreparedStatements(String sql) {
    String lower = sql.toLowerCase(Locale.ROOT);
    return lower.contains("execute") || lower.contains("deallocate") || lower.contains("discard");
  }
}
