package dev.hyperdrive.endpoint;

import dev.hyperdrive.endpoint.config.DatabaseConfig;
import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.endpoint.directory.LearnedDatabases;
import dev.hyperdrive.endpoint.directory.PlacementOriginsClient;
import dev.hyperdrive.endpoint.metrics.EndpointMetrics;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.endpoint.origin.OriginConnector;
import dev.hyperdrive.endpoint.pool.OriginPool;
import dev.hyperdrive.endpoint.probe.ProbeService;
import dev.hyperdrive.endpoint.relay.OriginPools;
import dev.hyperdrive.endpoint.cache.EndpointResultCache;
import dev.hyperdrive.endpoint.relay.RelayService;
import dev.hyperdrive.metrics.MetricsServer;
import dev.hyperdrive.wire.MessageLimits;
import io.grpc.Attributes;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerTransportFilter;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running origin endpoint site: the Relay gRPC service in front of one origin pool per configured
 * database, and the connect Probe that placement calls. {@link #start(EndpointConfig)} listens with
 * Netty on the configured address; {@link #start(EndpointConfig, ServerBuilder)} runs on any transport
 * (in-process in tests).
 */
public final class EndpointServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EndpointServer.class);

  /** relay.proto chunks are at most 1 MiB; 4 MiB plus slack leaves room for any sender's batching. */
  public static final int MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024 + 64 * 1024;
  /** How long {@link #close()} lets open sessions finish before cutting them off. */
  public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

  private final EndpointConfig config;
  private final EventLoopGroup originLoops;
  private final OriginPools pools;
  private final RelayService service;
  private final EndpointResultCache cache;
  private final AtomicLong acceptedTransports = new AtomicLong();
  private final Server server;
  private volatile PlacementOriginsClient placementClient;
  private volatile MetricsServer metricsServer;

  private EndpointServer(EndpointConfig config, ServerBuilder<?> builder, Clock cacheClock) {
    this.config = config;
    this.originLoops = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("endpoint-origin", true),
        NioIoHandler.newFactory());
    List<OriginPool> pools = new ArrayList<>();
    for (DatabaseConfig database : config.databases()) {
      pools.add(openPool(database.name(), database.origin(), database.pool()));
    }
    this.pools = new OriginPools(config.site(), pools);
    this.cache = new EndpointResultCache(config.cacheSize(), cacheClock);
    this.service = new RelayService(this.pools, originLoops, MessageLimits.DEFAULT, cache);
    this.server = builder
        .addService(service)
        // Placement's connect probe runs on the same origin event loops; its set-ups are not pooled.
        .addService(new ProbeService(config.site(), originLoops, PoolSettings.DEFAULTS.serverConnectTimeout()))
        .addTransportFilter(new ServerTransportFilter() {
          @Override
          public Attributes transportReady(Attributes attributes) {
            acceptedTransports.incrementAndGet();
            return attributes;
          }
        })
        .build();
  }

  private OriginPool openPool(String database, OriginConfig origin, PoolSettings settings) {
    OriginConnector connector = new OriginConnector(origin, config.site(), settings.serverConnectTimeout(),
        settings.timeouts().statementTimeout(), originLoops);
    return new OriginPool(database, settings, connector, originLoops).start();
  }

  /** With {@code placement:} configured, also serves the databases placement lists (the file wins on a clash). */
  private PlacementOriginsClient startPlacementClient() {
    if (config.placement() == null) {
      return null;
    }
    Set<String> fromFile = config.databases().stream().map(DatabaseConfig::name).collect(Collectors.toSet());
    LearnedDatabases learned = new LearnedDatabases(pools, fromFile, this::openPool);
    log.info("endpoint site {} also serves the databases of placement at {}", config.site(), config.placement());
    return PlacementOriginsClient.start(config.placement(), config.site(), learned);
  }

  /** Listens on {@code config.listen()} over HTTP/2 (Netty). */
  public static EndpointServer start(EndpointConfig config) {
    return start(config, Clock.systemUTC());
  }

  /** Listens on {@code config.listen()}; cache entries age by {@code cacheClock} (tests move it). */
  public static EndpointServer start(EndpointConfig config, Clock cacheClock) {
    InetSocketAddress address = new InetSocketAddress(config.listen().host(), config.listen().port());
    NettyServerBuilder builder = NettyServerBuilder.forAddress(address)
        // Every handler only hands its event to the session's event loop (or completes a future), so
        // running it on the transport's thread saves a thread hand-off per edge message; with gRPC's
        // default pool, a new session's first query paid one more wake-up on its way to the origin.
        .directExecutor()
        .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
        // Edges ping idle channels about every 20 s; allow pings down to 10 s so jitter never earns a GOAWAY.
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        // Edges keep channels warm while no session is open: that is the point of pre-warming.
        .permitKeepAliveWithoutCalls(true)
        // Our own pings find edges that vanished without closing (a dead NAT entry, a killed VM).
        .keepAliveTime(60, TimeUnit.SECONDS)
        .keepAliveTimeout(20, TimeUnit.SECONDS)
        // Never recycle connections by age: the reconnect's TCP+TLS+HTTP/2 round trips would land on a query.
        .maxConnectionAge(Long.MAX_VALUE, TimeUnit.NANOSECONDS)
        // Nor by idleness: an idle channel is a pre-warmed one.
        .maxConnectionIdle(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    return start(config, builder, cacheClock);
  }

  /** Runs on the transport {@code builder} describes; the config's listen address is then unused. */
  public static EndpointServer start(EndpointConfig config, ServerBuilder<?> builder) {
    return start(config, builder, Clock.systemUTC());
  }

  /** As {@link #start(EndpointConfig, ServerBuilder)}, with the clock cache entries age by. */
  public static EndpointServer start(EndpointConfig config, ServerBuilder<?> builder, Clock cacheClock) {
    builder.maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES);
    EndpointServer endpoint = new EndpointServer(config, builder, cacheClock);
    try {
      endpoint.server.start();
    } catch (IOException e) {
      endpoint.shutdownResources();
      throw new UncheckedIOException("cannot listen on " + config.listen() + ": " + e.getMessage(), e);
    }
    endpoint.placementClient = endpoint.startPlacementClient();
    endpoint.metricsServer = config.metricsListen().map(address -> {
      PrometheusMeterRegistry registry = MetricsServer.newRegistry();
      EndpointMetrics.bind(registry, endpoint.pools, endpoint.service);
      return MetricsServer.start(address, registry);
    }).orElse(null);
    log.info("endpoint site {} listening on {} for databases {}", config.site(), endpoint.describeListen(),
        config.databases().stream().map(DatabaseConfig::name).toList());
    return endpoint;
  }

  /** The endpoint's cache tier. */
  public EndpointResultCache cache() {
    return cache;
  }

  public EndpointConfig config() {
    return config;
  }

  /** The bound TCP port, or -1 on a transport without one (in-process). */
  public int port() {
    return server.getPort();
  }

  /** HTTP/2 connections (transports) accepted since start; warm edges reuse theirs instead of adding more. */
  public long acceptedTransports() {
    return acceptedTransports.get();
  }

  /** The port Prometheus scrapes {@code /metrics} on, when {@code metrics_listen} is set. */
  public OptionalInt metricsPort() {
    MetricsServer metrics = metricsServer;
    return metrics == null ? OptionalInt.empty() : OptionalInt.of(metrics.port());
  }

  /** Relay sessions currently open. */
  public int openSessions() {
    return service.openSessions();
  }

  /** The pool of one database served now (from the file or placement), for admin views and tests; null if none. */
  public OriginPool pool(String database) {
    return pools.pool(database);
  }

  /** Stops accepting streams, lets open sessions finish for up to {@link #DRAIN_TIMEOUT}, then closes pools. */
  @Override
  public void close() {
    log.info("endpoint site {} shutting down: draining {} sessions", config.site(), service.openSessions());
    server.shutdown();
    try {
      if (!server.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.info("endpoint site {}: {} sessions still open after {}; cutting them off",
            config.site(), service.openSessions(), DRAIN_TIMEOUT);
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    shutdownResources();
    log.info("endpoint site {} stopped", config.site());
  }

  private void shutdownResources() {
    MetricsServer metrics = metricsServer;
    if (metrics != null) {
      metrics.close();
    }
    PlacementOriginsClient client = placementClient;
    if (client != null) {
      client.close();
    }
    pools.close();
    originLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private String describeListen() {
    return port() < 0 ? "an in-process transport" : config.listen().host() + ":" + port();
  }
}
