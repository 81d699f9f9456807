package dev.hyperdrive.edge.cache;

import dev.hyperdrive.proto.relay.CacheAnswer;
import dev.hyperdrive.proto.relay.CacheLookup;
import dev.hyperdrive.wire.TransactionStatus;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Watches the origin's answer to one relayed batch as it passes to the driver: the session relay feeds
 * it the bytes (before anything later in the stream) and tells it when the batch's last ReadyForQuery
 * arrived, or that the answer will never complete.
 */
public interface AnswerObserver {
  /** Watches nothing. */
  AnswerObserver NONE = new AnswerObserver() {
    @Override
    public void onBytes(ByteBuffer bytes) {
    }

    @Override
    public void onErrorResponse() {
    }

    @Override
    public void onAnswered(TransactionStatus status) {
    }

    @Override
    public void onAbandoned() {
    }
  };

  /** Relayed backend bytes, starting with this batch's answer; what follows its end is to be ignored. */
  void onBytes(ByteBuffer bytes);

  /** The answer holds an ErrorResponse. */
  void onErrorResponse();

  /** The batch's last ReadyForQuery arrived with {@code status}. */
  void onAnswered(TransactionStatus status);

  /** The relay or the session ended before the answer was complete. */
  void onAbandoned();

  /**
   * What to ask the endpoint's cache tier for this batch: present only for a cache miss that leads its
   * flight, whose answer the edge will store.
   */
  default Optional<CacheLookup> endpointLookup() {
    return Optional.empty();
  }

  /** The endpoint answered the batch from its cache tier (before the answer's bytes arrive). */
  default void onCacheAnswer(CacheAnswer answer) {
  }

  /**
   * The edge answered the batch itself (its statements were known), so it succeeded as the session stood:
   * its Parses now exist for the driver. No origin answer will pass for it.
   */
  default void onAnsweredAtEdge(TransactionStatus status) {
    onAnswered(status);
  }
}
