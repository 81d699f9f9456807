package dev.hyperdrive.edge.session;

import dev.hyperdrive.cache.CachedResult;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;

/** Writes an answer from the cache: the entry's frames as stored, then ReadyForQuery(I). */
final class CachedAnswers {
  private CachedAnswers() {}

  static void write(ChannelHandlerContext ctx, CachedResult result) {
    ctx.write(Unpooled.wrappedBuffer(result.framesView()));
    ctx.writeAndFlush(ReadyForQuery.IDLE);
  }
}
