package dev.hyperdrive.endpoint.origin;

import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.wire.Direction;
import dev.hyperdrive.wire.MessageLimits;
import dev.hyperdrive.wire.PgFrameDecoder;
import dev.hyperdrive.wire.PgMessageEncoder;
import dev.hyperdrive.wire.backend.BackendKeyData;
import dev.hyperdrive.wire.frontend.CancelRequest;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens connections to one origin: TCP, optional TLS, login. Also sends CancelRequests, which
 * PostgreSQL takes on a connection of their own.
 */
public final class OriginConnector {
  private static final Logger log = LoggerFactory.getLogger(OriginConnector.class);
  private static final int MIN_READ = 512;
  private static final int INITIAL_READ = 8 * 1024;
  /** The relay's chunk size (relay.proto: at most 1 MiB per EndpointFrame). */
  private static final int MAX_READ = 1 << 20;

  private final OriginConfig origin;
  private final String applicationName;
  private final Duration statementTimeout;
  private final Duration connectTimeout;
  private final EventLoopGroup group;
  private final OriginTls tls;

  /**
   * @param site this endpoint's site; origin connections carry {@code application_name =
   *     hyperdrive-endpoint <site>} so a DBA can tell them apart in pg_stat_activity
   * @param connectTimeout bound on TCP connect + TLS + login (server_connect_timeout)
   * @throws java.io.UncheckedIOException or IllegalArgumentException when the origin's sslrootcert cannot
   *     be used; it is read here, once (the connect probe relies on that to delete its temporary copy)
   */
  public OriginConnector(OriginConfig origin, String site, Duration connectTimeout, EventLoopGroup group) {
    this(origin, site, connectTimeout, Duration.ZERO, group);
  }

  /**
   * @param statementTimeout given to every connection at login as its default statement_timeout (the
   *     statement-duration cap); zero leaves the origin's own setting
   */
  public OriginConnector(OriginConfig origin, String site, Duration connectTimeout, Duration statementTimeout,
      EventLoopGroup group) {
    this.origin = origin;
    this.applicationName = "hyperdrive-endpoint " + site;
    this.statementTimeout = statementTimeout;
    this.connectTimeout = connectTimeout;
    this.group = group;
    this.tls = OriginTls.forOrigin(origin);
  }

  public OriginConfig origin() {
    return origin;
  }

  /** Completes with a logged-in connection or fails with {@link OriginConnectException}. */
  public CompletableFuture<OriginConnection> connect() {
    CompletableFuture<OriginConnection> result = new CompletableFuture<>();
    ChannelFuture connecting = bootstrap(channel -> {
      Promise<OriginConnection> login = channel.eventLoop().newPromise();
      login.addListener((Future<OriginConnection> done) -> complete(result, done));
      channel.pipeline().addLast("frames", new PgFrameDecoder(Direction.BACKEND, MessageLimits.DEFAULT));
      channel.pipeline().addLast("login", new StartupHandshake(origin, applicationName, statementTimeout, login));
    }, result::completeExceptionally);
    watch(connecting, result);
    return result;
  }

  /**
   * Sends a CancelRequest for {@code backend}; completes once the origin has closed the cancel connection,
   * which it does after acting on it (true) or when it could not be sent (false).
   */
  public CompletableFuture<Boolean> cancel(BackendKeyData backend) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    AtomicBoolean sent = new AtomicBoolean();
    ChannelFuture connecting = bootstrap(channel -> {
      channel.pipeline().addLast("close-on-error", new ChannelInboundHandlerAdapter() {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
          ctx.close(); // the origin resetting a cancel connection is nothing to report
        }
      });
      ByteBuf request = channel.alloc().buffer(16);
      new CancelRequest(backend.processId(), backend.secretKey()).encode(request);
      channel.writeAndFlush(request).addListener(written -> {
        sent.set(written.isSuccess());
        if (!written.isSuccess()) {
          channel.close();
        }
      });
    }, failure -> log.debug("cancel for pid {} at {} not delivered: {}",
        backend.processId(), origin.address(), failure.getMessage()));
    Future<?> giveUp = connecting.channel().eventLoop().schedule(
        () -> connecting.channel().close(), connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
    // A pending give-up would keep the closed channel reachable for server_connect_timeout.
    connecting.channel().closeFuture().addListener(closed -> {
      giveUp.cancel(false);
      result.complete(sent.get());
    });
    return result;
  }

  private ChannelFuture bootstrap(Consumer<Channel> afterTls, Consumer<OriginConnectException> failure) {
    return new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        // Reads grow to 1 MiB while a large result streams (one read = one relay chunk = one hop to the
        // session), and shrink back to a few KiB for the small answers of a transaction-mode pool.
        .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(MIN_READ, INITIAL_READ, MAX_READ))
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel channel) {
            channel.pipeline().addLast("encoder", PgMessageEncoder.INSTANCE);
            channel.pipeline().addLast("tls-negotiation", new TlsNegotiation(origin, tls, afterTls, failure));
          }
        })
        .connect(origin.host(), origin.port());
  }

  /** Maps connect failures and enforces server_connect_timeout on the whole login. */
  private void watch(ChannelFuture connecting, CompletableFuture<OriginConnection> result) {
    Channel channel = connecting.channel();
    connecting.addListener(connected -> {
      if (!connected.isSuccess()) {
        result.completeExceptionally(connected.cause() instanceof ConnectTimeoutException
            ? OriginErrors.timedOut(origin, connectTimeout)
            : OriginErrors.unreachable(origin, connected.cause()));
      }
    });
    channel.closeFuture().addListener(closed -> {
      if (connecting.isSuccess()) {
        result.completeExceptionally(OriginErrors.closedDuringStartup(origin, null));
      }
    });
    Future<?> timeout = channel.eventLoop().schedule(() -> {
      if (result.completeExceptionally(OriginErrors.timedOut(origin, connectTimeout))) {
        channel.close();
      }
    }, connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
    result.whenComplete((connection, failure) -> timeout.cancel(false));
  }

  private static void complete(CompletableFuture<OriginConnection> result, Future<OriginConnection> login) {
    if (login.isSuccess()) {
      if (!result.complete(login.getNow())) {
        login.getNow().close();
      }
    } else {
      result.completeExceptionally(login.cause());
    }
  }
}
