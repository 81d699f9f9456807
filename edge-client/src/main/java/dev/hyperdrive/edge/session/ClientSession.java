package dev.hyperdrive.edge.session;

import dev.hyperdrive.edge.cancel.CancelTarget;
import dev.hyperdrive.edge.cache.SessionCache;
import dev.hyperdrive.edge.relay.EndpointChannel;
import dev.hyperdrive.edge.session.SessionOutcomes.Outcome;
import dev.hyperdrive.proto.relay.Parameter;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.ErrorResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One driver connection, as an explicit state machine: it completes the whole PostgreSQL handshake
 * locally (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP), then
 * batches the driver's requests and relays them over a {@link SessionRelay}. Every method runs on the
 * connection's event loop. The channel runs with AUTO_READ off: the session reads the driver only
 * when it wants input and the relay stream has room.
 */
public final class ClientSession extends ChannelInboundHandlerAdapter implements SessionRelay.Owner, CancelTarget {
  /** Where the session is in its life. */
  enum State { AWAIT_STARTUP, AUTHENTICATING, AWAIT_ORIGIN_PARAMETERS, IDLE, RELAYING, WAITING_FOR_CACHE, CLOSED }

  private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

  private final SessionServices services;
  private final String sessionId = UUID.randomUUID().toString();
  private ChannelHandlerContext ctx;
  private State state = State.AWAIT_STARTUP;
  private boolean draining;
  private StartupHandshake handshake;
  private AcceptedStartup startup;
  private RequestForwarding forwarding;
  private volatile SessionRelay relay;
  private SessionCache cache;
  private final HandshakeDeadline handshakeDeadline = new HandshakeDeadline();
  private final SessionTeardown teardown;

  public ClientSession(SessionServices services) {
    this.services = services;
    this.teardown = new SessionTeardown(services);
  }

  State state() {
    return state;
  }

  // ---- Netty events -------------------------------------------------------------------------------

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.forwarding = new RequestForwarding(ctx);
    this.handshake = new StartupHandshake(ctx, services);
    services.liveSessions().add(this);
    handshakeDeadline.arm(ctx.executor(), this::onHandshakeTimeout);
    ctx.read();
  }

  private void onHandshakeTimeout() {
    if (state == State.AWAIT_STARTUP || state == State.AUTHENTICATING) {
      log.debug("session {}: handshake not completed within {}, closing", sessionId, HandshakeDeadline.TIMEOUT);
      teardown.endedAs(Outcome.HANDSHAKE_TIMEOUT);
      state = State.CLOSED;
      releaseResources();
      ctx.close();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    try {
      switch (state) {
        case AWAIT_STARTUP -> onHandshakeStep(handshake.onStartupPacket(frame));
        case AUTHENTICATING -> onHandshakeStep(handshake.onAuthenticationResponse(frame));
        case AWAIT_ORIGIN_PARAMETERS, IDLE, RELAYING -> onRequestFrame(frame);
        default -> frame.release();
      }
    } catch (SessionRefused refused) {
      refuse(refused.error());
    } catch (ProtocolException violation) {
      refuse(SessionErrors.protocolViolation(violation.getMessage()));
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if ((state == State.IDLE || state == State.RELAYING) && forwarding.readyAtReadEnd()) {
      forward();
    }
    readIfWanted();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable() && relay != null) {
      relay.onDriverWritable();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    handshakeDeadline.cancel();
    services.liveSessions().remove(this);
    teardown.endedAs(greeted() ? Outcome.DISCONNECTED : Outcome.ABANDONED);
    if (state != State.CLOSED) {
      state = State.CLOSED;
      releaseResources();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ConnectionFaults.refusalFor(sessionId, cause).ifPresentOrElse(this::refuse, ctx::close);
  }

  // ---- handshake ----------------------------------------------------------------------------------

  private void onHandshakeStep(StartupHandshake.Next next) {
    switch (next) {
      case AWAIT_STARTUP -> state = State.AWAIT_STARTUP;
      case AUTHENTICATE -> state = State.AUTHENTICATING;
      case AUTHENTICATED -> onAuthenticated();
      case CLOSE -> {
        // Only a CancelRequest ends the connection before authentication; a Terminate can end it during.
        teardown.endedAs(state == State.AWAIT_STARTUP ? Outcome.CANCEL_REQUEST : Outcome.ABANDONED);
        state = State.CLOSED;
        ctx.close();
      }
      default -> throw new AssertionError(next);
    }
  }

  private void onAuthenticated() {
    // Waiting for the origin's parameters has its own bound (OriginParametersWait).
    handshakeDeadline.cancel();
    startup = handshake.startup();
    var parameters = services.originParameters().parameters(startup.database().name());
    if (parameters.isDone() && !parameters.isCompletedExceptionally()) {
      greet(parameters.join());
      return;
    }
    state = State.AWAIT_ORIGIN_PARAMETERS;
    ctx.flush();
    OriginParametersWait.await(ctx, parameters, this::onOriginParameters);
  }

  private void onOriginParameters(List<Parameter> known) {
    if (state != State.AWAIT_ORIGIN_PARAMETERS) {
      return;
    }
    if (known == null) {
      refuse(OriginParametersWait.unavailable(services, startup.database().name()));
    } else {
      greet(known);
    }
  }

  private void greet(List<Parameter> originParameters) {
    SessionGreeting.Greeted greeted = SessionGreeting.greet(ctx, services, startup, sessionId, originParameters, this);
    teardown.keyIssued(greeted.backendKey());
    relay = greeted.relay();
    cache = greeted.cache();
    forwarding.routeWith(greeted.routing());
    state = State.IDLE;
    log.debug("session {}: ready for database {}", sessionId, startup.database().name());
    if (draining) {
      terminateNow();
      return;
    }
    // A driver that pipelined its first request behind the password has it forwarded now.
    if (forwarding.readyAtReadEnd()) {
      forward();
    }
    readIfWanted();
  }

  // ---- requests -----------------------------------------------------------------------------------

  private void onRequestFrame(ByteBuf frame) throws ProtocolException {
    RequestForwarding.Intake intake = forwarding.take(frame);
    if (intake == RequestForwarding.Intake.TERMINATE) {
      onTerminate();
    } else if (intake == RequestForwarding.Intake.BATCH_FULL && (state == State.IDLE || state == State.RELAYING)) {
      forward();
    }
  }

  /** The driver's batch is complete: {@link BatchRouting} sends it on its way. */
  private void forward() {
    RequestBatcher.Batch batch = forwarding.nextBatch();
    carryOut(batch, forwarding.plan(batch, later -> onPlanAfterWaiting(batch, later)));
  }

  private void carryOut(RequestBatcher.Batch batch, SessionCache.Plan plan) {
    BatchRouting.Route route;
    try {
      route = forwarding.route(batch, plan);
    } catch (SessionRefused refused) {
      refuse(refused.error());
      return;
    }
    switch (route) {
      case ANSWERED_FROM_CACHE -> {
        state = State.IDLE;
        if (draining && relay.transactionStatus() == TransactionStatus.IDLE) {
          terminateNow();
        }
      }
      case ANSWERED_FROM_STATEMENTS -> { } // the state stays as it was
      case RELAYED -> state = State.RELAYING;
      case HELD -> state = State.WAITING_FOR_CACHE;
      default -> throw new AssertionError(route);
    }
  }

  private void onPlanAfterWaiting(RequestBatcher.Batch batch, SessionCache.Plan plan) {
    if (state != State.WAITING_FOR_CACHE || !forwarding.resume(batch)) {
      return;
    }
    state = State.IDLE;
    carryOut(batch, plan);
    if (state == State.IDLE && forwarding.readyAtReadEnd()) {
      forward();
    }
    readIfWanted();
  }

  private void onTerminate() {
    teardown.endedAs(Outcome.TERMINATED);
    state = State.CLOSED;
    forwarding.discard();
    if (relay != null) {
      relay.terminate();
    }
    teardown.releaseKey();
    ctx.close();
  }

  private void readIfWanted() {
    boolean wanted = switch (state) {
      case AWAIT_STARTUP, AUTHENTICATING -> true;
      case IDLE, RELAYING -> relay.canTakeMore();
      default -> false;
    };
    if (wanted) {
      ctx.read();
    }
  }

  // ---- relay events -------------------------------------------------------------------------------

  @Override
  public void onRelayIdle() {
    if (state != State.RELAYING) {
      return;
    }
    state = State.IDLE;
    if (draining && relay.transactionStatus() == TransactionStatus.IDLE) {
      terminateNow();
    }
  }

  @Override
  public void onRelayReady() {
    readIfWanted();
  }

  @Override
  public void onCopyIn() {
    forwarding.copyInStarted();
  }

  @Override
  public void onRelayLost(String endpoint, String cause) {
    log.warn("session {}: relay to endpoint {} lost: {}", sessionId, endpoint, cause);
    boolean workLost = state == State.RELAYING || relay.transactionStatus() != TransactionStatus.IDLE;
    refuse(SessionErrors.endpointLost(endpoint, cause, workLost));
  }

  @Override
  public void onParameterStatus(String name, String value) {
    cache.onParameterStatus(name, value);
  }

  @Override
  public void onRelayEnded(String endpoint, boolean reportedError) {
    if (reportedError) {
      teardown.endedAs(Outcome.ERROR);
      state = State.CLOSED;
      releaseResources();
      ctx.flush().close();
    } else {
      onRelayLost(endpoint, "the endpoint ended the session");
    }
  }

  // ---- shutdown -----------------------------------------------------------------------------------

  /** Ends the session at its next idle point (now, if it is idle outside a transaction). */
  void drain() {
    ctx.executor().execute(() -> {
      draining = true;
      boolean idleBetweenTransactions = state == State.IDLE && relay.transactionStatus() == TransactionStatus.IDLE;
      if (state == State.AWAIT_STARTUP || state == State.AUTHENTICATING || idleBetweenTransactions) {
        terminateNow();
      }
    });
  }

  /** Ends the session now with 57P01 admin_shutdown, whatever it is doing. */
  void terminateNow() {
    ctx.executor().execute(() -> refuse(SessionErrors.adminShutdown()));
  }

  // ---- cancel target ------------------------------------------------------------------------------

  @Override
  public String database() {
    return startup.database().name();
  }

  @Override
  public String sessionId() {
    return sessionId;
  }

  @Override
  public Optional<EndpointChannel> servingEndpoint() {
    SessionRelay current = relay;
    return current == null ? Optional.empty() : current.servingEndpoint();
  }

  // ---- endings ------------------------------------------------------------------------------------

  /** Sends a FATAL error and closes, as PostgreSQL does for a session that cannot go on. */
  private void refuse(ErrorResponse error) {
    if (state == State.CLOSED) {
      return;
    }
    teardown.endedAs(Outcome.ofRefusal(error, greeted()));
    state = State.CLOSED;
    releaseResources();
    ctx.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
  }

  /** Whether the driver has been greeted (ReadyForQuery sent); the relay exists from then on. */
  private boolean greeted() {
    return relay != null;
  }

  private void releaseResources() {
    teardown.releaseAll(forwarding, relay);
  }
}
