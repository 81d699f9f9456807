package dev.hyperdrive.edge.statements;

import dev.hyperdrive.wire.frontend.StatementKey;
import java.util.Objects;

/**
 * One answer the edge expects from the endpoint, in the order the requests were sent: what kind of
 * response ends it, whether the driver asked for it or the edge injected the request (then the driver
 * must not see the answer), and for statement requests which statement it concerns.
 *
 * @param statement the statement name, for Parse/Describe/Close of a statement; "" otherwise
 * @param key the statement's query and types, when known (learning needs it); null otherwise
 * @param answeredShape for an injected Describe: what the edge answered the driver earlier, to check
 *     against the origin; null when the edge only learns
 */
public record Expectation(Kind kind, boolean injected, String statement, StatementKey key, StatementShape answeredShape) {
  /** The request, and so the responses that answer it. */
  public enum Kind {
    /** ParseComplete. */
    PARSE,
    /** BindComplete. */
    BIND,
    /** ParameterDescription, then RowDescription or NoData. */
    DESCRIBE_STATEMENT,
    /** RowDescription or NoData. */
    DESCRIBE_PORTAL,
    /** Rows or COPY traffic, ended by CommandComplete, EmptyQueryResponse or PortalSuspended. */
    EXECUTE,
    /** CloseComplete. */
    CLOSE_STATEMENT,
    /** CloseComplete. */
    CLOSE_PORTAL,
    /** ReadyForQuery. */
    SYNC,
    /** Anything, up to ReadyForQuery: a simple Query or a FunctionCall. */
    UNTIL_READY
  }

  public Expectation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(statement, "statement");
  }

  public static Expectation of(Kind kind) {
    return new Expectation(kind, false, "", null, null);
  }

  public static Expectation forStatement(Kind kind, String statement, StatementKey key) {
    return new Expectation(kind, false, statement, key, null);
  }

  public static Expectation injectedParse(String statement, StatementKey key) {
    return new Expectation(Kind.PARSE, true, statement, key, null);
  }

  public static Expectation injectedDescribe(String statement, StatementKey key, StatementShape answeredShape) {
    return new Expectation(Kind.DESCRIBE_STATEMENT, true, statement, key, answeredShape);
  }

  public static Expectation injectedSync() {
    return new Expectation(Kind.SYNC, true, "", null, null);
  }

  /** Whether ReadyForQuery answers this request (the end of skip-until-Sync). */
  boolean endsAtReady() {
    return kind == Kind.SYNC || kind == Kind.UNTIL_READY;
  }
}
