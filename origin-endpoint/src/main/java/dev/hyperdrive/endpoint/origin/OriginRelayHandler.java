package dev.hyperdrive.endpoint.origin;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayList;
import java.util.List;

/**
 * Last handler of a logged-in origin channel: gathers the frames of one read and hands them, together,
 * to the connection's current listener, so a relay session forwards each read as one chunk.
 */
final class OriginRelayHandler extends ChannelInboundHandlerAdapter {
  private final OriginConnection connection;
  private List<ByteBuf> pending = new ArrayList<>();
  private Throwable failure;

  OriginRelayHandler(OriginConnection connection) {
    this.connection = connection;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    pending.add((ByteBuf) msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    deliver();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    connection.listener().onWritabilityChanged(connection);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (failure == null) {
      failure = cause;
    }
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    deliver();
    connection.listener().onClosed(connection, failure);
  }

  private void deliver() {
    if (pending.isEmpty()) {
      return;
    }
    List<ByteBuf> frames = pending;
    pending = new ArrayList<>();
    connection.listener().onFrames(connection, frames);
  }
}
