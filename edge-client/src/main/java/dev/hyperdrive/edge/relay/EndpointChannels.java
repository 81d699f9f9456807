package dev.hyperdrive.edge.relay;

import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's pre-warmed HTTP/2 connections: one gRPC channel per configured endpoint, connected at
 * start-up and kept connected for the life of the process, so that a session's first query opens a
 * stream on a connection that already exists and pays no TCP, TLS or HTTP/2 handshake.
 */
public final class EndpointChannels implements AutoCloseable {
  /** A configured endpoint: where it listens. */
  public record Target(String name, String host, int port) {}

  /** Matches the relay contract: frames are cut at 1 MiB, so 4 MiB plus slack is never hit by a well-behaved peer. */
  public static final int MAX_INBOUND_MESSAGE_SIZE = 4 * 1024 * 1024 + 64 * 1024;

  private static final Logger log = LoggerFactory.getLogger(EndpointChannels.class);

  /**
   * How often an endpoint that cannot be reached is tried again. gRPC's own reconnect backoff grows to
   * two minutes; an endpoint that comes back should be in rotation again within seconds.
   */
  public static final Duration RECONNECT_INTERVAL = Duration.ofSeconds(2);

  private final Map<String, EndpointChannel> channels;
  private final ScheduledExecutorService reconnector;

  private EndpointChannels(Map<String, EndpointChannel> channels) {
    this.channels = channels;
    this.reconnector = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "endpoint-reconnect");
      thread.setDaemon(true);
      return thread;
    });
    reconnector.scheduleWithFixedDelay(this::retryFailedChannels, RECONNECT_INTERVAL.toMillis(),
        RECONNECT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void retryFailedChannels() {
    for (EndpointChannel endpoint : channels.values()) {
      if (endpoint.channel().getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
        endpoint.channel().resetConnectBackoff();
      }
    }
  }

  /**
   * Creates and connects a channel per target. {@code credentials} decide the transport security
   * (plaintext today; sites will talk over mutual TLS by passing TLS credentials here).
   */
  public static EndpointChannels connect(List<Target> targets, ChannelCredentials credentials) {
    Map<String, EndpointChannel> channels = new LinkedHashMap<>();
    for (Target target : targets) {
      ManagedChannel channel = NettyChannelBuilder.forAddress(target.host(), target.port(), credentials)
          // An HTTP/2 PING every 20 s keeps NATs and load balancers from forgetting an idle connection
          // and detects a dead peer long before a driver would.
          .keepAliveTime(20, TimeUnit.SECONDS)
          .keepAliveTimeout(10, TimeUnit.SECONDS)
          // The whole point is a connection that is ready before any session needs it.
          .keepAliveWithoutCalls(true)
          // Never drop the connection for being idle; 30 days or more disables idle mode.
          .idleTimeout(30, TimeUnit.DAYS)
          .maxInboundMessageSize(MAX_INBOUND_MESSAGE_SIZE)
          .build();
      EndpointChannel endpoint = new EndpointChannel(target.name(), channel);
      channels.put(target.name(), endpoint);
      keepConnected(endpoint);
    }
    return new EndpointChannels(Collections.unmodifiableMap(channels));
  }

  /**
   * The endpoint to use for a database: the first in its preference list that is usable
   * ({@link EndpointHealth}: connected or connecting, and not just failed). When none is, the first
   * is returned anyway, so the session reports that endpoint's error.
   */
  public EndpointChannel choose(List<String> preference) {
    EndpointChannel fallback = null;
    for (String name : preference) {
      EndpointChannel candidate = channels.get(name);
      if (candidate == null) {
        continue;
      }
      if (candidate.usable()) {
        return candidate;
      }
      if (fallback == null) {
        fallback = candidate;
      }
    }
    if (fallback == null) {
      throw new IllegalArgumentException("no configured endpoint among " + preference);
    }
    return fallback;
  }

  /** Every endpoint, in configuration order. */
  public Collection<EndpointChannel> all() {
    return channels.values();
  }

  public EndpointChannel get(String name) {
    EndpointChannel channel = channels.get(name);
    if (channel == null) {
      throw new IllegalArgumentException("unknown endpoint " + name);
    }
    return channel;
  }

  /**
   * Asks for a connection now and again whenever the channel falls back to IDLE (which is what a
   * gRPC channel does when its connection drops), so reconnection happens in the background rather
   * than on some session's first query. TRANSIENT_FAILURE retries on gRPC's own backoff.
   */
  private static void keepConnected(EndpointChannel endpoint) {
    ManagedChannel channel = endpoint.channel();
    ConnectivityState state = channel.getState(true);
    watch(endpoint, state);
  }

  private static void watch(EndpointChannel endpoint, ConnectivityState seen) {
    ManagedChannel channel = endpoint.channel();
    channel.notifyWhenStateChanged(seen, () -> {
      ConnectivityState now = channel.getState(false);
      if (now == ConnectivityState.SHUTDOWN) {
        return;
      }
      log.info("endpoint {}: channel {} -> {}", endpoint.name(), seen, now);
      endpoint.health().onChannelState(now);
      if (now == ConnectivityState.IDLE) {
        now = channel.getState(true);
      }
      watch(endpoint, now);
    });
  }

  @Override
  public void close() {
    reconnector.shutdownNow();
    for (EndpointChannel endpoint : channels.values()) {
      endpoint.channel().shutdown();
    }
    for (EndpointChannel endpoint : channels.values()) {
      try {
        if (!endpoint.channel().awaitTermination(5, TimeUnit.SECONDS)) {
          endpoint.channel().shutdownNow();
        }
      } catch (InterruptedException e) {
        endpoint.channel().shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }
}
