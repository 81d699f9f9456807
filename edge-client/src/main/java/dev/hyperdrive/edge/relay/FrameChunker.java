package dev.hyperdrive.edge.relay;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a run of whole tagged frames into relay chunks of at most {@code maxChunk} bytes, at message
 * boundaries where possible; a single message larger than that spans several chunks (relay.proto lets
 * receivers re-frame the byte stream).
 */
public final class FrameChunker {
  /** The relay contract's chunk limit. */
  public static final int MAX_CHUNK = 1024 * 1024;

  private FrameChunker() {}

  /** Copies the readable bytes of {@code frames} (whole frames, tag + length + body each) into chunks. */
  public static List<ByteString> cut(ByteBuf frames, int maxChunk) {
    List<ByteString> chunks = new ArrayList<>();
    int start = frames.readerIndex();
    int end = frames.writerIndex();
    int chunkStart = start;
    int position = start;
    while (position < end) {
      long frameLength = 1L + frames.getUnsignedInt(position + 1);
      int frameEnd = (int) Math.min(end, position + frameLength);
      if (frameEnd - chunkStart > maxChunk && position > chunkStart) {
        chunks.add(copy(frames, chunkStart, position));
        chunkStart = position;
      }
      while (frameEnd - chunkStart > maxChunk) {
        chunks.add(copy(frames, chunkStart, chunkStart + maxChunk));
        chunkStart += maxChunk;
      }
      position = frameEnd;
    }
    if (chunkStart < end) {
      chunks.add(copy(frames, chunkStart, end));
    }
    return chunks;
  }

  private static ByteString copy(ByteBuf frames, int from, int to) {
    return ByteString.copyFrom(frames.nioBuffer(from, to - from));
  }
}
