package dev.hyperdrive.endpoint.cache;

import dev.hyperdrive.cache.CachedResult;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Copies the answer to one request that missed the endpoint tier, frame by frame as it goes to the edge
 * (never holding it back), up to its ReadyForQuery. The same rules as the edge's: only a complete answer,
 * without an error, that ends outside a transaction and fits in {@code max_cached_result_bytes} is worth
 * storing; notices, ParameterStatus and the like are refused by {@link CachedResult} itself.
 */
public final class AnswerCapture {
  private static final byte READY_FOR_QUERY = 'Z';
  private static final byte ERROR_RESPONSE = 'E';
  private static final byte IDLE = 'I';

  private final Instant askedAt;
  private final Duration maxAge;
  private final long maxBytes;
  private final ByteArrayOutputStream frames = new ByteArrayOutputStream();
  private boolean worthStoring = true;
  private boolean complete;

  /** @param askedAt when the origin was asked: an entry ages from then, so it is never served past max_age */
  public AnswerCapture(Instant askedAt, Duration maxAge, long maxBytes) {
    this.askedAt = askedAt;
    this.maxAge = maxAge;
    this.maxBytes = maxBytes;
  }

  /**
   * Sees one whole backend frame on its way to the edge (its reader index is left as it was).
   *
   * @return true once the answer's ReadyForQuery has passed: nothing more belongs to it
   */
  public boolean accept(ByteBuf frame) {
    if (complete) {
      return true;
    }
    byte tag = frame.getByte(frame.readerIndex());
    if (tag == READY_FOR_QUERY) {
      complete = true;
      worthStoring &= frame.readableBytes() == 6 && frame.getByte(frame.readerIndex() + 5) == IDLE;
      return true;
    }
    if (tag == ERROR_RESPONSE || frames.size() + (long) frame.readableBytes() > maxBytes) {
      worthStoring = false;
      frames.reset();
    }
    if (worthStoring) {
      byte[] copy = new byte[frame.readableBytes()];
      frame.getBytes(frame.readerIndex(), copy);
      frames.writeBytes(copy);
    }
    return false;
  }

  /** The entry to store, once complete; empty when the answer must not be cached. */
  public Optional<CachedResult> result() {
    if (!complete || !worthStoring) {
      return Optional.empty();
    }
    try {
      return Optional.of(CachedResult.of(frames.toByteArray(), askedAt, maxAge));
    } catch (IllegalArgumentException notACleanAnswer) {
      return Optional.empty(); // a notice, a ParameterStatus, a notification came with it
    }
  }
}
