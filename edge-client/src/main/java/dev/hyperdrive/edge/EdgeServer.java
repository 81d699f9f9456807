package dev.hyperdrive.edge;

import dev.hyperdrive.edge.cache.CacheStatistics;
import dev.hyperdrive.edge.cache.EdgeCacheTier;
import dev.hyperdrive.edge.cancel.CancelForwarder;
import dev.hyperdrive.edge.cancel.CancelRegistry;
import dev.hyperdrive.edge.metrics.EdgeMetrics;
import dev.hyperdrive.edge.relay.EndpointChannels;
import dev.hyperdrive.edge.relay.OriginParameters;
import dev.hyperdrive.edge.routing.EdgeDatabases;
import dev.hyperdrive.edge.routing.PlacementCatalogClient;
import dev.hyperdrive.edge.session.ClientSession;
import dev.hyperdrive.edge.session.EdgeAuthentication;
import dev.hyperdrive.edge.session.LiveSessions;
import dev.hyperdrive.edge.session.SessionServices;
import dev.hyperdrive.edge.statements.StatementMetadataCaches;
import dev.hyperdrive.metrics.MetricsServer;
import dev.hyperdrive.wire.Direction;
import dev.hyperdrive.wire.MessageLimits;
import dev.hyperdrive.wire.PgFrameDecoder;
import dev.hyperdrive.wire.PgMessageEncoder;
import io.grpc.InsecureChannelCredentials;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge client process: a PostgreSQL-speaking server on {@code listen} whose sessions complete the
 * handshake locally and relay requests to origin endpoints over channels connected at start-up.
 */
public final class EdgeServer implements AutoCloseable {
  /** How long {@link #close()} lets sessions in a transaction or mid-query finish before ending them. */
  public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(10);
  /** How long start-up waits for placement's first catalog before listening without it. */
  public static final Duration FIRST_CATALOG_WAIT = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(EdgeServer.class);

  private final EventLoopGroup acceptors;
  private final EventLoopGroup workers;
  private final EndpointChannels endpoints;
  private final OriginParameters originParameters;
  private final LiveSessions liveSessions;
  private final EdgeCacheTier cacheTier;
  private final EdgeDatabases databases;
  private final Optional<PlacementCatalogClient> placement;
  private final Channel serverChannel;
  private final StatementMetadataCaches statementMetadata;
  private final Optional<MetricsServer> metrics;
  private boolean closed;

  private EdgeServer(EventLoopGroup acceptors, EventLoopGroup workers, EndpointChannels endpoints,
      OriginParameters originParameters, LiveSessions liveSessions, EdgeCacheTier cacheTier, EdgeDatabases databases,
      Optional<PlacementCatalogClient> placement, Channel serverChannel, StatementMetadataCaches statementMetadata,
      Optional<MetricsServer> metrics) {
    this.acceptors = acceptors;
    this.metrics = metrics;
    this.statementMetadata = statementMetadata;
    this.workers = workers;
    this.endpoints = endpoints;
    this.originParameters = originParameters;
    this.liveSessions = liveSessions;
    this.cacheTier = cacheTier;
    this.databases = databases;
    this.placement = placement;
    this.serverChannel = serverChannel;
  }

  /**
   * Connects to every endpoint, starts watching placement (when configured; waiting up to
   * {@link #FIRST_CATALOG_WAIT} for its first catalog), starts learning origin parameters, and listens
   * for drivers.
   */
  public static EdgeServer start(EdgeConfig config) {
    return start(config, Clock.systemUTC());
  }

  /** Like {@link #start(EdgeConfig)}, with the clock cache entries age by (tests move it). */
  public static EdgeServer start(EdgeConfig config, Clock cacheClock) {
    Optional<SslContext> tls = config.tls().map(EdgeServer::sslContext);
    List<EndpointChannels.Target> targets = config.endpoints().stream()
        .map(endpoint -> new EndpointChannels.Target(endpoint.name(), endpoint.address().host(),
            endpoint.address().port()))
        .toList();
    // Plaintext for now; mutual TLS between sites plugs in as TLS channel credentials here.
    EndpointChannels endpoints = EndpointChannels.connect(targets, InsecureChannelCredentials.create());
    EventLoopGroup acceptors = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    EdgeDatabases databases = new EdgeDatabases(config);
    EdgeCacheTier cacheTier = new EdgeCacheTier(config.cacheSize(), cacheClock);
    OriginParameters originParameters = new OriginParameters(
        database -> databases.database(database).map(served -> endpoints.choose(served.endpoints())), workers,
        cacheTier::learnFunctions);
    databases.onDatabasesAdded(originParameters::prefetch);
    originParameters.prefetch(databases.names());
    Optional<PlacementCatalogClient> placement = config.placement()
        .map(address -> PlacementCatalogClient.start(address, config.site(), databases::apply));
    CancelRegistry cancelRegistry = new CancelRegistry();
    LiveSessions liveSessions = new LiveSessions();
    StatementMetadataCaches statementMetadata =
        new StatementMetadataCaches(StatementMetadataCaches.DEFAULT_MAX_ENTRIES_PER_DATABASE);
    SessionServices services = new SessionServices(config, endpoints, originParameters, cancelRegistry,
        new CancelForwarder(cancelRegistry), new EdgeAuthentication(), tls, liveSessions, databases, cacheTier,
        statementMetadata);
    Optional<MetricsServer> metrics = Optional.empty();
    try {
      metrics = config.metricsListen().map(address -> {
        PrometheusMeterRegistry registry = MetricsServer.newRegistry();
        EdgeMetrics.bind(registry, cacheTier.statistics(), cacheTier.results(), liveSessions, databases);
        return MetricsServer.start(address, registry);
      });
      placement.ifPresent(client -> awaitFirstCatalog(client, config));
      Channel serverChannel = new ServerBootstrap()
          .group(acceptors, workers)
          .channel(NioServerSocketChannel.class)
          .childOption(ChannelOption.AUTO_READ, false)
          // With AUTO_READ off each read is one socket read: do not let it shrink below a typical request.
          .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(512, 2048, 65536))
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
              channel.pipeline().addLast("frames", new PgFrameDecoder(Direction.FRONTEND, MessageLimits.DEFAULT));
              channel.pipeline().addLast("encoder", PgMessageEncoder.INSTANCE);
              channel.pipeline().addLast("session", new ClientSession(services));
            }
          })
          .bind(config.listen().host(), config.listen().port())
          .syncUninterruptibly()
          .channel();
      log.info("edge {} listening on {} for databases {}", config.site(), serverChannel.localAddress(),
          databases.names());
      return new EdgeServer(acceptors, workers, endpoints, originParameters, liveSessions, cacheTier, databases,
          placement, serverChannel, statementMetadata, metrics);
    } catch (RuntimeException e) {
      metrics.ifPresent(MetricsServer::close);
      placement.ifPresent(PlacementCatalogClient::close);
      originParameters.close();
      acceptors.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      endpoints.close();
      throw e;
    }
  }

  /** The databases served now: the file's and those learned from placement. */
  public EdgeDatabases databases() {
    return databases;
  }

  /** The port drivers connect to (useful with {@code listen: host:0}). */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** The port Prometheus scrapes {@code /metrics} on, when {@code metrics_listen} is set. */
  public OptionalInt metricsPort() {
    return metrics.map(server -> OptionalInt.of(server.port())).orElse(OptionalInt.empty());
  }

  /** The result cache's counters per database and status, for metrics and admin views. */
  public CacheStatistics cacheStatistics() {
    return cacheTier.statistics();
  }

  /** What the edge knows of each database's statements, and how often it answered for them. */
  public StatementMetadataCaches statementMetadata() {
    return statementMetadata;
  }

  /** Graceful close with the default drain period. */
  @Override
  public void close() {
    close(DEFAULT_DRAIN);
  }

  /**
   * Stops accepting drivers, ends idle sessions at once and busy ones when their transaction ends,
   * and after {@code drain} ends whatever is left with 57P01 admin_shutdown.
   */
  public synchronized void close(Duration drain) {
    if (closed) {
      return;
    }
    closed = true;
    serverChannel.close().syncUninterruptibly();
    liveSessions.drain();
    long deadline = System.nanoTime() + drain.toNanos();
    while (liveSessions.count() > 0 && System.nanoTime() < deadline) {
      sleepBriefly();
    }
    liveSessions.terminateAll();
    long grace = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (liveSessions.count() > 0 && System.nanoTime() < grace) {
      sleepBriefly();
    }
    metrics.ifPresent(MetricsServer::close);
    placement.ifPresent(PlacementCatalogClient::close);
    originParameters.close();
    endpoints.close();
    acceptors.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    log.info("edge stopped");
  }

  private static void awaitFirstCatalog(PlacementCatalogClient client, EdgeConfig config) {
    try {
      if (!client.awaitFirstCatalog(FIRST_CATALOG_WAIT)) {
        log.warn("placement at {} has not answered within {} s; serving the file's databases until it does",
            config.placement().orElseThrow(), FIRST_CATALOG_WAIT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static SslContext sslContext(EdgeConfig.Tls tls) {
    try {
      return SslContextBuilder.forServer(tls.cert().toFile(), tls.key().toFile()).build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot load TLS certificate " + tls.cert() + " / key " + tls.key()
          + ": " + e.getMessage(), e);
    }
  }
}
