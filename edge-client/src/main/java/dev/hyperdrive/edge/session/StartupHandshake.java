package dev.hyperdrive.edge.session;

import dev.hyperdrive.auth.AuthenticationException;
import dev.hyperdrive.auth.ServerAuthenticator;
import dev.hyperdrive.wire.Frames;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.frontend.CancelRequest;
import dev.hyperdrive.wire.frontend.FrontendDecoder;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import dev.hyperdrive.wire.frontend.GssEncRequest;
import dev.hyperdrive.wire.frontend.SslRequest;
import dev.hyperdrive.wire.frontend.StartupMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * The steps of a handshake up to a verified password: encryption requests, the StartupMessage, the
 * password exchange (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP).
 * {@link ClientSession} owns the states; this class does the work of each step and says what follows.
 */
final class StartupHandshake {
  /** What the session does after a step. */
  enum Next { AWAIT_STARTUP, AUTHENTICATE, AUTHENTICATED, CLOSE }

  private final ChannelHandlerContext ctx;
  private final SessionServices services;
  private boolean tlsActive;
  private AcceptedStartup startup;
  private ServerAuthenticator authentication;

  StartupHandshake(ChannelHandlerContext ctx, SessionServices services) {
    this.ctx = ctx;
    this.services = services;
  }

  AcceptedStartup startup() {
    return startup;
  }

  /** An untagged startup packet. Releases the frame. */
  Next onStartupPacket(ByteBuf frame) throws ProtocolException, SessionRefused {
    FrontendMessage packet;
    try {
      packet = FrontendDecoder.decodeStartup(frame);
    } finally {
      frame.release();
    }
    if (packet == SslRequest.INSTANCE) {
      if (tlsActive) {
        throw new ProtocolException("SSL negotiation requested on a connection that already uses SSL");
      }
      tlsActive = HandshakeReplies.answerSslRequest(ctx, services.tls());
      return Next.AWAIT_STARTUP;
    }
    if (packet == GssEncRequest.INSTANCE) {
      HandshakeReplies.declineGssEncryption(ctx);
      return Next.AWAIT_STARTUP;
    }
    if (packet instanceof CancelRequest) {
      CancelRequest cancel = (CancelRequest) packet;
      services.cancelForwarder().cancel(cancel.processId(), cancel.secretKey());
      return Next.CLOSE;
    }
    startup = AcceptedStartup.check((StartupMessage) packet, services.databases()::database);
    startup.negotiation().ifPresent(ctx::write);
    authentication = services.authentication().begin(startup.database());
    ctx.writeAndFlush(authentication.start());
    return Next.AUTHENTICATE;
  }

  /** The driver's answer to an authentication request. Releases the frame. */
  Next onAuthenticationResponse(ByteBuf frame) throws ProtocolException, SessionRefused {
    FrontendMessage response;
    try {
      byte tag = Frames.tag(frame);
      if (tag == 'X') {
        return Next.CLOSE;
      }
      if (tag != 'p') {
        throw new ProtocolException("expected password response, got message type " + Frames.describeTag(tag));
      }
      response = FrontendDecoder.decode(frame, authentication.expectedResponse());
    } finally {
      frame.release();
    }
    try {
      authentication.receive(response).forEach(ctx::write);
    } catch (AuthenticationException refused) {
      throw new SessionRefused(ErrorResponse.fatal(refused.sqlState(), refused.getMessage()));
    }
    if (authentication.state() == ServerAuthenticator.State.SUCCEEDED) {
      // AuthenticationOk is written; the session follows it with the greeting.
      return Next.AUTHENTICATED;
    }
    ctx.flush();
    return Next.AUTHENTICATE;
  }
}
