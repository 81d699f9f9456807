package dev.hyperdrive.endpoint.origin;

import dev.hyperdrive.endpoint.session.ConnectionSettings;
import dev.hyperdrive.wire.backend.BackendKeyData;
import dev.hyperdrive.wire.backend.ParameterStatus;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One logged-in connection to the origin, past ReadyForQuery. It reads only when asked
 * ({@code AUTO_READ} is off), so whoever holds it controls how fast the origin's output is consumed.
 * Its owner changes over its life (pool, session, pool, ...): {@link #listener(OriginListener)}.
 */
public final class OriginConnection {
  private static final AtomicLong IDS = new AtomicLong();

  private final long id = IDS.incrementAndGet();
  private final Channel channel;
  private final BackendKeyData keyData;
  private final List<ParameterStatus> startupParameters;
  private final long openedAtNanos = System.nanoTime();
  private final ConnectionSettings settings = new ConnectionSettings();
  private volatile OriginListener listener;
  private final Map<Class<?>, Object> relayState = new ConcurrentHashMap<>();

  // Cancel bookkeeping is touched by the Cancel RPC and by the pool from different threads.
  private int cancelsInFlight;
  private Runnable afterCancels;

  OriginConnection(Channel channel, BackendKeyData keyData, List<ParameterStatus> startupParameters) {
    this.channel = channel;
    this.keyData = keyData;
    this.startupParameters = List.copyOf(startupParameters);
  }

  public long id() {
    return id;
  }

  /** Identifies the origin backend process, for CancelRequest and for pg_stat_activity. */
  public BackendKeyData keyData() {
    return keyData;
  }

  /** The ParameterStatus messages the origin sent during startup, in its order. */
  public List<ParameterStatus> startupParameters() {
    return startupParameters;
  }

  /** The session settings in effect on this backend, kept by whichever session holds it. */
  public ConnectionSettings settings() {
    return settings;
  }

  public long openedAtNanos() {
    return openedAtNanos;
  }

  public EventLoop eventLoop() {
    return channel.eventLoop();
  }

  public OriginListener listener() {
    return listener;
  }

  public void listener(OriginListener newListener) {
    this.listener = newListener;
  }

  /**
   * What the relay knows about this backend that outlives a checkout (the prepared statements it holds,
   * ...), one object per type, created on first use. Used by whichever session holds the checkout.
   */
  public <T> T relayState(Class<T> type, Supplier<T> create) {
    return type.cast(relayState.computeIfAbsent(type, absent -> create.get()));
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  public boolean isWritable() {
    return channel.isWritable();
  }

  /** Writes frames (ownership passes to Netty) and flushes; the future completes when all are written. */
  public ChannelFuture write(List<ByteBuf> frames) {
    for (int i = 0; i < frames.size() - 1; i++) {
      channel.write(frames.get(i), channel.voidPromise());
    }
    return channel.writeAndFlush(frames.get(frames.size() - 1));
  }

  /** Asks for one more socket read; its frames arrive at the listener. */
  public void requestRead() {
    channel.read();
  }

  public void close() {
    channel.close();
  }

  /** A cancel for this backend is being sent; the connection must not change hands until it is done. */
  public synchronized void cancelStarted() {
    cancelsInFlight++;
  }

  /** The cancel connection has closed; runs a return to the pool that waited for it. */
  public void cancelFinished() {
    Runnable deferred;
    synchronized (this) {
      cancelsInFlight--;
      if (cancelsInFlight > 0 || afterCancels == null) {
        return;
      }
      deferred = afterCancels;
      afterCancels = null;
    }
    deferred.run();
  }

  /**
   * Runs {@code action} now if no cancel is in flight, else once the last one finishes. A cancel that
   * arrives at a backend after it has been handed to another client would cancel that client's query.
   */
  public void whenNoCancelInFlight(Runnable action) {
    synchronized (this) {
      if (cancelsInFlight > 0) {
        afterCancels = action;
        return;
      }
    }
    action.run();
  }

  @Override
  public String toString() {
    return "origin#" + id + "(pid " + keyData.processId() + ")";
  }
}
