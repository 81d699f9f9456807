package dev.hyperdrive.cache;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * One cache entry, the same in both tiers: the exact backend frames a driver must see for the request
 * its {@link CacheKey} names (ParseComplete, BindComplete, ParameterDescription, RowDescription or NoData,
 * DataRows, CommandComplete — whatever that request asks for) without the final ReadyForQuery, which the
 * serving tier adds, plus when it was stored and until when it is fresh.
 *
 * <p>The frames are checked once, at construction: whole messages only, each one a message that belongs
 * in a complete, successful answer (ParseComplete, BindComplete, CloseComplete, ParameterDescription,
 * NoData, RowDescription, DataRow, CommandComplete, EmptyQueryResponse). ReadyForQuery, errors, notices,
 * ParameterStatus, notifications, PortalSuspended and COPY never do. The array is never handed out.
 */
public final class CachedResult {
  private static final byte FORMAT_VERSION = 1;
  /** The backend messages a complete, successful answer to a cacheable request consists of. */
  private static final String ANSWER_TAGS = "123tnTDCI";

  private final long storedAtMillis;
  private final long expiresAtMillis;
  private final byte[] frames;

  private CachedResult(byte[] frames, long storedAtMillis, long expiresAtMillis) {
    if (expiresAtMillis < storedAtMillis) {
      throw new IllegalArgumentException("expires before it was stored: " + expiresAtMillis + " < " + storedAtMillis);
    }
    checkFrames(frames);
    this.frames = frames;
    this.storedAtMillis = storedAtMillis;
    this.expiresAtMillis = expiresAtMillis;
  }

  /** An entry for {@code frames} (copied), fresh for {@code maxAge} from {@code storedAt}. */
  public static CachedResult of(byte[] frames, Instant storedAt, Duration maxAge) {
    long stored = storedAt.toEpochMilli();
    return new CachedResult(frames.clone(), stored, Math.addExact(stored, maxAge.toMillis()));
  }

  /** An entry with an explicit expiry, e.g. the remaining TTL another tier reported. */
  public static CachedResult of(byte[] frames, Instant storedAt, Instant expiresAt) {
    return new CachedResult(frames.clone(), storedAt.toEpochMilli(), expiresAt.toEpochMilli());
  }

  public Instant storedAt() {
    return Instant.ofEpochMilli(storedAtMillis);
  }

  public Instant expiresAt() {
    return Instant.ofEpochMilli(expiresAtMillis);
  }

  /** Fresh entries are served as they are; stale ones only within a stale-while-revalidate window. */
  public boolean isFreshAt(Instant now) {
    return now.toEpochMilli() < expiresAtMillis;
  }

  /** How long it stays fresh after {@code now}, zero once stale. */
  public Duration remainingTtl(Instant now) {
    return Duration.ofMillis(Math.max(0, expiresAtMillis - now.toEpochMilli()));
  }

  /** A copy of the frames. */
  public byte[] frames() {
    return frames.clone();
  }

  /** The number of frame bytes, as a driver will receive them (ReadyForQuery not included). */
  public int frameBytes() {
    return frames.length;
  }

  /** The frames without a copy, read-only: what a tier writes to a driver's socket. */
  public ByteBuffer framesView() {
    return ByteBuffer.wrap(frames).asReadOnlyBuffer();
  }

  /** The compact encoding; {@link #decode} gives back an equal entry. */
  public byte[] encode() {
    return new CompactWriter(frames.length + 24)
        .writeByte(FORMAT_VERSION)
        .writeVarLong(storedAtMillis)
        .writeVarLong(expiresAtMillis - storedAtMillis)
        .writeBytes(frames)
        .toByteArray();
  }

  /** @throws IllegalArgumentException when {@code bytes} is not an entry's encoding */
  public static CachedResult decode(byte[] bytes) {
    CompactReader in = new CompactReader(bytes);
    int version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException("unknown cache entry format " + version);
    }
    long storedAt = in.readVarLong();
    long maxAge = in.readVarLong();
    byte[] frames = in.readBytes();
    in.expectEnd("cache entry");
    return new CachedResult(frames, storedAt, Math.addExact(storedAt, maxAge));
  }

  private static void checkFrames(byte[] frames) {
    int position = 0;
    while (position < frames.length) {
      if (frames.length - position < 5) {
        throw new IllegalArgumentException("truncated message header at offset " + position);
      }
      byte tag = frames[position];
      if (ANSWER_TAGS.indexOf(tag) < 0) {
        throw new IllegalArgumentException("message '" + (char) tag + "' at offset " + position
            + " does not belong in a cached answer");
      }
      long length = ((frames[position + 1] & 0xFFL) << 24) | ((frames[position + 2] & 0xFFL) << 16)
          | ((frames[position + 3] & 0xFFL) << 8) | (frames[position + 4] & 0xFFL);
      if (length < 4 || length > frames.length - position - 1) {
        throw new IllegalArgumentException("message '" + (char) tag + "' at offset " + position
            + " has impossible length " + length);
      }
      position += 1 + (int) length;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CachedResult that && storedAtMillis == that.storedAtMillis
        && expiresAtMillis == that.expiresAtMillis && Arrays.equals(frames, that.frames);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(storedAtMillis) + Arrays.hashCode(frames);
  }

  @Override
  public String toString() {
    return "CachedResult[" + frames.length + " bytes, storedAt=" + storedAt() + ", expiresAt=" + expiresAt() + "]";
  }
}
