package dev.hyperdrive.endpoint.prepared;

import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.ErrorResponse;

/** What reaches the driver of the answer to one message the relay sent to the origin. */
sealed interface ResponseHandling {

  /** The driver sent it and sees its answer as the origin wrote it. */
  Forward FORWARD = new Forward();
  /** The relay injected it (a replayed Parse, an eviction's Close): the driver sees no success of it. */
  Swallow SWALLOW = new Swallow();

  record Forward() implements ResponseHandling {}

  record Swallow() implements ResponseHandling {}

  /**
   * The relay sent a stand-in: its rows are swallowed and its completion (for a Query, its
   * CommandComplete) is replaced by {@code answer}, what PostgreSQL would have said to the driver's message.
   */
  record AnswerAs(BackendMessage answer) implements ResponseHandling {}

  /**
   * The relay sent a probe that fails on purpose, so the origin applies its own error rules (skip until
   * Sync, abort the transaction); the driver sees {@code error} instead of the probe's error.
   */
  record FailAs(ErrorResponse error) implements ResponseHandling {}
}
