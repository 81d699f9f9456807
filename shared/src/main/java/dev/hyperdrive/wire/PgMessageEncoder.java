package dev.hyperdrive.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes {@link PgMessage}s to a Netty channel; raw {@link ByteBuf} frames pass through untouched. */
@Sharable
public final class PgMessageEncoder extends MessageToByteEncoder<PgMessage> {
  public static final PgMessageEncoder INSTANCE = new PgMessageEncoder();

  private PgMessageEncoder() {
    super(PgMessage.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, PgMessage message, ByteBuf out) {
    message.encode(out);
  }
}
