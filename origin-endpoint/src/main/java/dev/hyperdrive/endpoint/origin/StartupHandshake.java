package dev.hyperdrive.endpoint.origin;

import dev.hyperdrive.auth.AuthenticationException;
import dev.hyperdrive.auth.ClientAuthenticator;
import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.backend.BackendDecoder;
import dev.hyperdrive.wire.backend.BackendKeyData;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.NegotiateProtocolVersion;
import dev.hyperdrive.wire.backend.NoticeResponse;
import dev.hyperdrive.wire.backend.ParameterStatus;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import dev.hyperdrive.wire.frontend.StartupMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client half of an origin login, as a state machine driven by backend frames: StartupMessage,
 * authentication, then ParameterStatus/BackendKeyData until ReadyForQuery
 * (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP). On success it
 * hands the channel to an {@link OriginRelayHandler} and completes the promise with the connection.
 */
final class StartupHandshake extends ChannelInboundHandlerAdapter {
  private enum State { AUTHENTICATING, AWAITING_READY, DONE }

  private final OriginConfig origin;
  private final String applicationName;
  private final Duration statementTimeout;
  private final Promise<OriginConnection> result;
  private final ClientAuthenticator authenticator;
  private final List<ParameterStatus> parameters = new ArrayList<>();
  private BackendKeyData keyData;
  private State state = State.AUTHENTICATING;

  StartupHandshake(OriginConfig origin, String applicationName, Duration statementTimeout,
      Promise<OriginConnection> result) {
    this.origin = origin;
    this.applicationName = applicationName;
    this.statementTimeout = statementTimeout;
    this.result = result;
    this.authenticator = new ClientAuthenticator(origin.user(), origin.password());
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    Map<String, String> startup = new LinkedHashMap<>();
    startup.put("user", origin.user());
    startup.put("database", origin.database());
    startup.put("application_name", applicationName);
    if (!statementTimeout.isZero()) {
      // A login setting is the session default: a client's RESET statement_timeout comes back to it.
      startup.put("options", "-c statement_timeout=" + statementTimeout.toMillis());
    }
    ctx.writeAndFlush(new StartupMessage(StartupMessage.PROTOCOL_3_0, startup));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    try {
      if (state != State.DONE) {
        onMessage(ctx, BackendDecoder.decode(frame));
      }
    } catch (ProtocolException e) {
      fail(ctx, OriginErrors.protocol(origin, e.getMessage(), e));
    } catch (AuthenticationException e) {
      fail(ctx, OriginErrors.authentication(origin, e.sqlState(), e.getMessage()));
    } finally {
      frame.release();
    }
  }

  private void onMessage(ChannelHandlerContext ctx, BackendMessage message) throws AuthenticationException {
    if (message instanceof ErrorResponse) {
      // The origin's own words (28P01, 3D000, 53300 too many connections, ...) reach the client as they are.
      fail(ctx, OriginErrors.refusedByOrigin((ErrorResponse) message));
    } else if (message instanceof NoticeResponse || message instanceof NegotiateProtocolVersion) {
      return;
    } else if (state == State.AUTHENTICATING) {
      onAuthentication(ctx, message);
    } else if (message instanceof ParameterStatus) {
      parameters.add((ParameterStatus) message);
    } else if (message instanceof BackendKeyData) {
      keyData = (BackendKeyData) message;
    } else if (message instanceof ReadyForQuery) {
      ready(ctx);
    } else {
      fail(ctx, OriginErrors.protocol(origin, "unexpected " + message.getClass().getSimpleName() + " during startup", null));
    }
  }

  private void onAuthentication(ChannelHandlerContext ctx, BackendMessage message) throws AuthenticationException {
    Optional<FrontendMessage> reply = authenticator.receive(message);
    if (reply.isPresent()) {
      ctx.writeAndFlush(reply.get());
    }
    if (authenticator.isAuthenticated()) {
      state = State.AWAITING_READY;
    }
  }

  private void ready(ChannelHandlerContext ctx) {
    if (keyData == null) {
      // Without BackendKeyData no cancel can reach this backend; refuse it rather than pool it.
      fail(ctx, OriginErrors.protocol(origin, "no BackendKeyData before ReadyForQuery", null));
      return;
    }
    state = State.DONE;
    OriginConnection connection = new OriginConnection(ctx.channel(), keyData, parameters);
    ctx.channel().config().setAutoRead(false);
    ctx.pipeline().replace(this, "relay", new OriginRelayHandler(connection));
    if (!result.trySuccess(connection)) {
      ctx.close();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(ctx, cause instanceof ProtocolException
        ? OriginErrors.protocol(origin, cause.getMessage(), cause)
        : OriginErrors.closedDuringStartup(origin, cause));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    fail(ctx, OriginErrors.closedDuringStartup(origin, null));
  }

  private void fail(ChannelHandlerContext ctx, OriginConnectException exception) {
    state = State.DONE;
    result.tryFailure(exception);
    ctx.close();
  }
}
