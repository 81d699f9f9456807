package dev.hyperdrive.edge.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameChunkerTest {

  @Test
  void smallFramesShareOneChunk() {
    ByteBuf frames = frames(10, 20, 30);
    List<ByteString> chunks = FrameChunker.cut(frames, 100);
    assertThat(chunks).hasSize(1);
    assertThat(chunks.get(0).size()).isEqualTo(60);
    frames.release();
  }

  @Test
  void chunksAreCutAtMessageBoundaries() {
    ByteBuf frames = frames(40, 40, 40);
    assertThat(FrameChunker.cut(frames, 100)).extracting(ByteString::size).containsExactly(80, 40);
    frames.release();
  }

  @Test
  void aMessageLargerThanAChunkSpansSeveralAndNothingIsLost() {
    ByteBuf frames = frames(10, 250, 10);
    List<ByteString> chunks = FrameChunker.cut(frames, 100);
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.size()).isLessThanOrEqualTo(100));
    ByteString joined = chunks.stream().reduce(ByteString.EMPTY, ByteString::concat);
    assertThat(joined.toByteArray()).isEqualTo(ByteString.copyFrom(frames.nioBuffer()).toByteArray());
    frames.release();
  }

  /** Frames with tag 'd' whose total sizes (header included) are the given numbers. */
  private static ByteBuf frames(int... sizes) {
    ByteBuf out = Unpooled.buffer();
    byte filler = 0;
    for (int size : sizes) {
      out.writeByte('d').writeInt(size - 1);
      for (int i = 0; i < size - 5; i++) {
        out.writeByte(filler++);
      }
    }
    return out;
  }
}
