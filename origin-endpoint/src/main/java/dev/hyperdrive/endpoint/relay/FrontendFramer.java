package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.wire.Direction;
import dev.hyperdrive.wire.MessageLimits;
import dev.hyperdrive.wire.PgFrameDecoder;
import dev.hyperdrive.wire.ProtocolException;
import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the edge's relayed byte stream back into whole frontend frames. The edge cuts chunks at
 * message boundaries where it can, but a large message spans chunks, so the endpoint re-frames with the
 * same {@link PgFrameDecoder} a server socket would use (in tagged mode: the startup happened at the edge).
 */
final class FrontendFramer implements AutoCloseable {
  private final EmbeddedChannel channel;
  private final List<ByteBuf> frames = new ArrayList<>();
  private ProtocolException violation;

  FrontendFramer(MessageLimits limits) {
    channel = new EmbeddedChannel(new PgFrameDecoder(Direction.FRONTEND, limits, false),
        new ChannelInboundHandlerAdapter() {
          @Override
          public void channelRead(ChannelHandlerContext ctx, Object msg) {
            frames.add((ByteBuf) msg);
          }

          @Override
          public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (violation == null) {
              violation = cause instanceof ProtocolException
                  ? (ProtocolException) cause
                  : new ProtocolException("cannot frame relayed bytes: " + cause, cause);
            }
          }
        });
  }

  /** The complete frames these bytes finish, in order; the caller owns (and releases) them. */
  List<ByteBuf> frame(ByteString bytes) throws ProtocolException {
    if (!bytes.isEmpty()) {
      channel.writeInbound(Unpooled.wrappedBuffer(bytes.asReadOnlyByteBuffer()));
    }
    if (violation != null) {
      release(frames);
      frames.clear();
      throw violation;
    }
    List<ByteBuf> complete = new ArrayList<>(frames);
    frames.clear();
    return complete;
  }

  static void release(List<ByteBuf> frames) {
    for (ByteBuf frame : frames) {
      frame.release();
    }
  }

  @Override
  public void close() {
    channel.finishAndReleaseAll();
    release(frames);
    frames.clear();
  }
}
