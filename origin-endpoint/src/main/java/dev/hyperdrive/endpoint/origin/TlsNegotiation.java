package dev.hyperdrive.endpoint.origin;

import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.wire.frontend.SslRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import java.util.function.Consumer;

/**
 * First handler of every origin channel: asks for TLS when the sslmode wants it (SSLRequest, one-byte
 * answer, TLS handshake; https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SSL),
 * then removes itself and lets the next step (login or CancelRequest) begin.
 */
final class TlsNegotiation extends ChannelInboundHandlerAdapter {
  private enum State { CONNECTING, AWAITING_ANSWER, HANDSHAKING, DONE }

  private final OriginConfig origin;
  private final OriginTls tls;
  private final Consumer<Channel> next;
  private final Consumer<OriginConnectException> failure;
  private State state = State.CONNECTING;

  TlsNegotiation(OriginConfig origin, OriginTls tls, Consumer<Channel> next,
      Consumer<OriginConnectException> failure) {
    this.origin = origin;
    this.tls = tls;
    this.next = next;
    this.failure = failure;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.fireChannelActive();
    if (tls == null) {
      finish(ctx);
      return;
    }
    state = State.AWAITING_ANSWER;
    ByteBuf request = ctx.alloc().buffer(8);
    SslRequest.INSTANCE.encode(request);
    ctx.writeAndFlush(request);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (state != State.AWAITING_ANSWER) {
      ctx.fireChannelRead(msg);
      return;
    }
    ByteBuf answer = (ByteBuf) msg;
    try {
      byte code = answer.readByte();
      // Bytes after the answer would be unencrypted data injected before TLS starts (CVE-2021-23222).
      if (answer.isReadable()) {
        fail(ctx, OriginErrors.protocol(origin, "unexpected data after the answer to SSLRequest", null));
      } else if (code == 'S') {
        startTls(ctx);
      } else if (code == 'N') {
        fail(ctx, OriginErrors.tlsRefused(origin));
      } else {
        fail(ctx, OriginErrors.protocol(origin, "unexpected answer " + code + " to SSLRequest", null));
      }
    } finally {
      answer.release();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (state == State.DONE) {
      ctx.close();
      return;
    }
    // A failed TLS handshake surfaces here too (as a DecoderException) and through the handshake future.
    fail(ctx, state == State.HANDSHAKING ? OriginErrors.tlsFailed(origin, rootCause(cause))
        : OriginErrors.closedDuringStartup(origin, cause));
  }

  private static Throwable rootCause(Throwable cause) {
    return cause.getCause() != null ? cause.getCause() : cause;
  }

  private void startTls(ChannelHandlerContext ctx) {
    state = State.HANDSHAKING;
    SslHandler handler = tls.newHandler(ctx.alloc());
    ctx.pipeline().addFirst("tls", handler);
    handler.handshakeFuture().addListener(done -> {
      if (done.isSuccess()) {
        finish(ctx);
      } else if (state != State.DONE) {
        fail(ctx, OriginErrors.tlsFailed(origin, done.cause()));
      }
    });
  }

  private void finish(ChannelHandlerContext ctx) {
    state = State.DONE;
    ctx.pipeline().remove(this);
    next.accept(ctx.channel());
  }

  private void fail(ChannelHandlerContext ctx, OriginConnectException exception) {
    state = State.DONE;
    failure.accept(exception);
    ctx.close();
  }
}
