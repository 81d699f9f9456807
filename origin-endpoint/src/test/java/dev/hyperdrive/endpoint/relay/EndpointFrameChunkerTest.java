package dev.hyperdrive.endpoint.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.hyperdrive.proto.relay.EndpointFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointFrameChunkerTest {
  private final List<EndpointFrame> sent = new ArrayList<>();
  private final EndpointFrameChunker chunker = new EndpointFrameChunker(sent::add);

  @Test
  void smallFramesOfOneReadBecomeOneChunk() {
    ByteBuf a = frame(10, 'a');
    ByteBuf b = frame(20, 'b');
    chunker.add(a);
    chunker.add(b);
    assertThat(sent).isEmpty();
    chunker.flush();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).getFrames().size()).isEqualTo(30);
    assertThat(a.refCnt()).isZero();
    assertThat(b.refCnt()).isZero();
  }

  @Test
  void aFrameLargerThanAChunkSpansChunksOfAtMostOneMebibyte() {
    int size = EndpointFrameChunker.MAX_CHUNK * 2 + 123;
    chunker.add(frame(size, 'x'));
    chunker.flush();
    assertThat(sent).extracting(f -> f.getFrames().size())
        .containsExactly(EndpointFrameChunker.MAX_CHUNK, EndpointFrameChunker.MAX_CHUNK, 123);
    ByteString all = ByteString.EMPTY;
    for (EndpointFrame frame : sent) {
      all = all.concat(frame.getFrames());
    }
    assertThat(all.size()).isEqualTo(size);
    assertThat(all.byteAt(size - 1)).isEqualTo((byte) 'x');
  }

  @Test
  void discardReleasesWhatWasNotSent() {
    ByteBuf frame = frame(100, 'z');
    chunker.add(frame);
    chunker.discard();
    chunker.flush();
    assertThat(sent).isEmpty();
    assertThat(frame.refCnt()).isZero();
  }

  private static ByteBuf frame(int size, char fill) {
    ByteBuf buffer = Unpooled.buffer(size);
    for (int i = 0; i < size; i++) {
      buffer.writeByte(fill);
    }
    return buffer;
  }
}
