package dev.hyperdrive.endpoint.prepared;

import dev.hyperdrive.wire.backend.ErrorResponse;

/** What the relay learns when the origin has answered one message: state changes wait for this. */
interface ResponseOutcome {
  ResponseOutcome NONE = new ResponseOutcome() {};

  /** The message completed without error. */
  default void succeeded() {}

  /** It failed with {@code error}, or was skipped after an earlier error ({@code error} is null). */
  default void failed(ErrorResponse error) {}

  /** A CommandComplete arrived in its answer (one per statement of a Query). */
  default void commandCompleted(String tag) {}
}
