package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.endpoint.origin.OriginConnection;
import dev.hyperdrive.endpoint.origin.OriginConnector;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Carries a client's cancel to the origin backend running its query. The connection is marked while
 * the cancel is in flight, so it cannot go back to the pool (and to another client, whose query the
 * late cancel would hit) until the cancel connection has closed.
 */
final class QueryCanceller {
  /** An answer for the Cancel RPC even if the origin never closes the cancel connection. */
  private static final long REPLY_TIMEOUT_SECONDS = 30;

  private QueryCanceller() {}

  static void cancel(OriginConnector connector, OriginConnection connection, CompletableFuture<Boolean> delivered) {
    delivered.completeOnTimeout(false, REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    connection.cancelStarted();
    connector.cancel(connection.keyData()).whenComplete((sent, failure) -> {
      connection.cancelFinished();
      delivered.complete(Boolean.TRUE.equals(sent));
    });
  }
}
