package dev.hyperdrive.edge.cache;

import com.google.protobuf.ByteString;
import dev.hyperdrive.cache.CacheKey;
import dev.hyperdrive.cache.CachedResult;
import dev.hyperdrive.edge.relay.RelayStream;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Describe;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Sync;
import dev.hyperdrive.wire.frontend.Target;
import io.grpc.Status;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes one stale entry behind the drivers' backs (stale-while-revalidate), on a short-lived
 * internal session of its own: a relay stream opened with the stale session's start-up parameters,
 * carrying in one frame
 *
 * <pre>
 *   Query("BEGIN; SET LOCAL ...")               the session's SETs, scoped to this transaction
 *   the request, self-contained                 unnamed statement and portal
 *   Query("COMMIT")
 * </pre>
 *
 * so the endpoint's pooled connection is left exactly as it was found. The transaction is not READ ONLY:
 * the request must run exactly as a miss would (a view may call a volatile function, e.g. nextval). The answer to the middle part is
 * stored (minus the ParseComplete the original request did not ask for); the refresh leads the key's
 * flight from start to end, so only one runs per key.
 */
public final class BackgroundRefresh implements RelayStream.Listener {
  private static final Logger log = LoggerFactory.getLogger(BackgroundRefresh.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int PARSE_COMPLETE_LENGTH = 5;

  /** The three answers the refresh waits for, in order. */
  private enum Phase { OPENING_TRANSACTION, ANSWERING, COMMITTING, DONE }

  private final EdgeCacheTier tier;
  private final CacheKey key;
  private final CacheSettings settings;
  private final ResponseCapture opening = new ResponseCapture(0);
  private final ResponseCapture answer;
  private final ResponseCapture commit = new ResponseCapture(0);
  private Phase phase = Phase.OPENING_TRANSACTION;
  private boolean landed;
  private RelayStream stream;
  private Instant askedAt;
  private ScheduledFuture<?> timeout;

  private BackgroundRefresh(EdgeCacheTier tier, CacheKey key, CacheSettings settings) {
    this.tier = tier;
    this.key = key;
    this.settings = settings;
    this.answer = new ResponseCapture((int) settings.maxCachedResultBytes());
  }

  /** Starts a refresh of {@code key} unless one is already running (its flight is in the air). */
  public static void startIfNoneRunning(EdgeCacheTier tier, CacheKey key, CacheSettings settings, RefreshSource source) {
    if (!tier.flights().tryLead(key)) {
      log.debug("database {}: a refresh or miss for this key is already running", key.database());
      return;
    }
    log.debug("database {}: refreshing a stale entry in the background", key.database());
    BackgroundRefresh refresh = new BackgroundRefresh(tier, key, settings);
    source.eventLoop().execute(() -> refresh.open(source));
  }

  private void open(RefreshSource source) {
    ByteBuf frames = requestFrames(key, source);
    askedAt = tier.results().now();
    try {
      var open = source.open().toBuilder().setSessionId("refresh-" + UUID.randomUUID()).build();
      stream = RelayStream.open(source.endpoint().get(), open, frames, source.eventLoop(), this);
      timeout = source.eventLoop().schedule(() -> fail("no answer within " + TIMEOUT), TIMEOUT.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      fail("could not open a relay stream: " + e);
    } finally {
      frames.release();
    }
  }

  /** The frames of the whole refresh: open a transaction with the settings, the request, commit. */
  static ByteBuf requestFrames(CacheKey key, RefreshSource source) {
    StringBuilder opening = new StringBuilder("BEGIN");
    for (String setting : source.replayedSettings()) {
      opening.append("; SET LOCAL ").append(setting);
    }
    ByteBuf frames = Unpooled.buffer();
    new Query(opening.toString()).encode(frames);
    if (key.isSimpleQuery()) {
      new Query(key.query()).encode(frames);
    } else {
      new Parse("", key.query(), key.parameterTypes()).encode(frames);
      for (char step : key.requestShape().toCharArray()) {
        switch (step) {
          case 's' -> new Describe(Target.STATEMENT, "").encode(frames);
          case 'B' -> new Bind("", "", key.parameterFormats(), key.parameterValues(), key.resultFormats()).encode(frames);
          case 'd' -> new Describe(Target.PORTAL, "").encode(frames);
          case 'E' -> new Execute("", 0).encode(frames);
          default -> { } // 'P': the Parse above
        }
      }
      Sync.INSTANCE.encode(frames);
    }
    new Query("COMMIT").encode(frames);
    return frames;
  }

  @Override
  public void onBackendBytes(ByteString bytes) {
    for (ByteBuffer buffer : bytes.asReadOnlyByteBufferList()) {
      consume(buffer);
    }
    if (phase != Phase.DONE) {
      stream.requestNext();
    }
  }

  private void consume(ByteBuffer buffer) {
    while (buffer.hasRemaining() && phase != Phase.DONE) {
      ResponseCapture current = switch (phase) {
        case OPENING_TRANSACTION -> opening;
        case ANSWERING -> answer;
        default -> commit;
      };
      buffer.position(buffer.position() + current.accept(buffer));
      if (current.complete()) {
        onAnswerComplete(current);
      }
    }
  }

  private void onAnswerComplete(ResponseCapture completed) {
    if (completed.sawError()) {
      fail("the origin answered with an error");
      return;
    }
    switch (phase) {
      case OPENING_TRANSACTION -> phase = Phase.ANSWERING;
      case ANSWERING -> {
        store();
        phase = Phase.COMMITTING;
      }
      default -> finish();
    }
  }

  private void store() {
    if (answer.oversized()) {
      land(Optional.empty());
      return;
    }
    byte[] frames = answer.frames();
    if (!key.requestShape().startsWith("P") && !key.isSimpleQuery()) {
      frames = Arrays.copyOfRange(frames, PARSE_COMPLETE_LENGTH, frames.length);
    }
    try {
      CachedResult result = CachedResult.of(frames, askedAt, settings.maxAge());
      tier.results().store(key, result, settings.staleWhileRevalidate());
      tier.statistics().recordRefresh(key.database());
      land(Optional.of(result));
    } catch (IllegalArgumentException notAnAnswer) {
      log.debug("refresh of {} not stored: {}", key.database(), notAnAnswer.getMessage());
      land(Optional.empty());
    }
  }

  private void finish() {
    phase = Phase.DONE;
    cancelTimeout();
    stream.halfClose();
  }

  private void fail(String cause) {
    if (phase == Phase.DONE) {
      return;
    }
    log.debug("background refresh for database {} failed: {}", key.database(), cause);
    phase = Phase.DONE;
    cancelTimeout();
    land(Optional.empty());
    if (stream != null) {
      stream.cancel(cause);
    }
  }

  private void land(Optional<CachedResult> result) {
    if (!landed) {
      landed = true;
      tier.flights().land(key, result);
    }
  }

  private void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
    }
  }

  @Override
  public void onReady() {
  }

  @Override
  public void onFailed(Status status) {
    fail("relay stream failed: " + status);
  }

  @Override
  public void onCompleted() {
    fail("the endpoint ended the refresh session");
  }
}
