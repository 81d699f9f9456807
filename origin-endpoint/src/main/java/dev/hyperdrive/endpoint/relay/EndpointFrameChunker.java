package dev.hyperdrive.endpoint.relay;

import com.google.protobuf.UnsafeByteOperations;
import dev.hyperdrive.proto.relay.CacheAnswer;
import dev.hyperdrive.proto.relay.EndpointFrame;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Packs backend frames into EndpointFrames of at most {@link #MAX_CHUNK} bytes, copying each byte once.
 * A frame larger than a chunk spans several (the edge re-frames), so memory per chunk stays bounded.
 */
final class EndpointFrameChunker {
  static final int MAX_CHUNK = 1 << 20;

  private final Deque<ByteBuf> frames = new ArrayDeque<>();
  private final Consumer<EndpointFrame> sink;
  private long bytes;
  private CacheAnswer nextAnnotation;

  EndpointFrameChunker(Consumer<EndpointFrame> sink) {
    this.sink = sink;
  }

  /** Takes ownership of {@code frame}; full chunks go out at once. */
  void add(ByteBuf frame) {
    frames.addLast(frame);
    bytes += frame.readableBytes();
    while (bytes >= MAX_CHUNK) {
      emit(MAX_CHUNK);
    }
  }

  /** Sends what is buffered as one last chunk. */
  void flush() {
    if (bytes > 0) {
      emit((int) bytes);
    }
  }

  /** The next EndpointFrame sent carries {@code answer}. */
  void annotateNext(CacheAnswer answer) {
    nextAnnotation = answer;
  }

  void discard() {
    ByteBuf frame;
    while ((frame = frames.pollFirst()) != null) {
      frame.release();
    }
    bytes = 0;
  }

  private void emit(int size) {
    byte[] chunk = new byte[size];
    int filled = 0;
    while (filled < size) {
      ByteBuf head = frames.peekFirst();
      int take = Math.min(head.readableBytes(), size - filled);
      head.readBytes(chunk, filled, take);
      filled += take;
      if (!head.isReadable()) {
        frames.pollFirst().release();
      }
    }
    bytes -= size;
    // The array is never touched again, so protobuf may keep it without a defensive copy.
    EndpointFrame.Builder frame = EndpointFrame.newBuilder().setFrames(UnsafeByteOperations.unsafeWrap(chunk));
    if (nextAnnotation != null) {
      frame.setCacheAnswer(nextAnnotation);
      nextAnnotation = null;
    }
    sink.accept(frame.build());
  }
}
