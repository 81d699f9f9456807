package dev.hyperdrive.wire.backend;

/** ErrorResponse or NoticeResponse: a message made of {@link Notice} fields. */
public sealed interface NoticeMessage extends BackendMessage permits ErrorResponse, NoticeResponse {
  Notice fields();

  default String severity() {
    return fields().severity();
  }

  default String sqlState() {
    return fields().sqlState();
  }

  default String message() {
    return fields().message();
  }
}
