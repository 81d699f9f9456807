package dev.hyperdrive.edge.statements;

/** What the origin's answers teach the session and the metadata cache about statements. */
interface StatementEvents {
  /** ParseComplete for a Parse, the driver's or one the edge injected. */
  void parsed(Expectation parse);

  /** An ErrorResponse answered a Parse, or a request the edge injected. */
  void failed(Expectation request);

  /** The origin described a statement, and it agrees with anything the edge answered for it. */
  void described(Expectation describe, StatementShape shape);

  /** The origin described a statement differently from what the edge answered the driver. */
  void shapeChanged(Expectation describe);

  /** CloseComplete for a Close of a statement. */
  void closed(Expectation close);
}
