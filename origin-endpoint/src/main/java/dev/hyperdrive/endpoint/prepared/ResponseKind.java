package dev.hyperdrive.endpoint.prepared;

/**
 * What the origin answers to one frontend message, by backend tag
 * (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY). An extended-protocol
 * message's answer ends with its completion message; after an ErrorResponse the server skips every message
 * up to Sync, which (like a simple Query or FunctionCall) is answered by ReadyForQuery.
 */
enum ResponseKind {
  PARSE("1", ""),
  BIND("2", ""),
  CLOSE("3", ""),
  /** ParameterDescription, then RowDescription or NoData. */
  DESCRIBE_STATEMENT("Tn", "t"),
  DESCRIBE_PORTAL("Tn", ""),
  /** Rows or COPY traffic, then CommandComplete, EmptyQueryResponse or PortalSuspended. */
  EXECUTE("CIs", "DGHWdc"),
  SYNC("", ""),
  /** Anything (several statements, errors included) until ReadyForQuery. */
  QUERY("", ""),
  FUNCTION_CALL("", "");

  private final String completions;
  private final String intermediates;

  ResponseKind(String completions, String intermediates) {
    this.completions = completions;
    this.intermediates = intermediates;
  }

  /** Sync, Query and FunctionCall: answered by ReadyForQuery, and where skip-after-error stops. */
  boolean isSyncPoint() {
    return this == SYNC || this == QUERY || this == FUNCTION_CALL;
  }

  boolean completesWith(byte tag) {
    return completions.indexOf(tag) >= 0;
  }

  boolean continuesWith(byte tag) {
    return intermediates.indexOf(tag) >= 0 || this == QUERY || this == FUNCTION_CALL;
  }
}
