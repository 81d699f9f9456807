package dev.hyperdrive.edge.session;

import dev.hyperdrive.edge.cancel.BackendKey;
import dev.hyperdrive.proto.relay.Parameter;
import dev.hyperdrive.wire.backend.BackendKeyData;
import dev.hyperdrive.wire.backend.ParameterStatus;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the edge writes during a handshake besides authentication: the one-byte answers to encryption
 * requests and the closing greeting (ParameterStatus set, BackendKeyData, ReadyForQuery).
 */
final class HandshakeReplies {
  private HandshakeReplies() {}

  /**
   * Answers SSLRequest: 'S' and TLS from the next byte on when the site has a certificate, else 'N'.
   *
   * @return whether TLS was started
   */
  static boolean answerSslRequest(ChannelHandlerContext ctx, Optional<SslContext> tls) {
    if (tls.isEmpty()) {
      answerByte(ctx, 'N');
      return false;
    }
    // 'S' goes out in the clear (it is already in the socket's buffer); everything after it, through TLS.
    answerByte(ctx, 'S');
    ctx.pipeline().addFirst("tls", tls.get().newHandler(ctx.alloc()));
    return true;
  }

  /** GSSAPI encryption is not offered: 'N', and the driver goes on in the clear or with SSL. */
  static void declineGssEncryption(ChannelHandlerContext ctx) {
    answerByte(ctx, 'N');
  }

  /** The end of a successful handshake. */
  static void greet(ChannelHandlerContext ctx, List<Parameter> originParameters, Map<String, String> startupParameters,
      BackendKey key) {
    for (Parameter parameter : ReportedParameters.compose(originParameters, startupParameters)) {
      ctx.write(new ParameterStatus(parameter.getName(), parameter.getValue()));
    }
    ctx.write(new BackendKeyData(key.processId(), key.secretKey()));
    ctx.writeAndFlush(ReadyForQuery.IDLE);
  }

  private static void answerByte(ChannelHandlerContext ctx, char answer) {
    ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte(answer));
  }
}
