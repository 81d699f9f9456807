package dev.hyperdrive.edge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResponseCaptureTest {
  private static final byte[] DATA_ROW = {'D', 0, 0, 0, 11, 0, 1, 0, 0, 0, 1, '1'};
  private static final byte[] COMMAND_COMPLETE = {'C', 0, 0, 0, 13, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', 0};
  private static final byte[] READY = {'Z', 0, 0, 0, 5, 'I'};
  private static final byte[] ERROR = {'E', 0, 0, 0, 5, 0};

  private static byte[] concat(byte[]... parts) {
    int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
    ByteBuffer all = ByteBuffer.allocate(length);
    for (byte[] part : parts) {
      all.put(part);
    }
    return all.array();
  }

  @Test
  void capturesUpToReadyForQueryWhateverTheChunkingAndIgnoresWhatFollows() {
    byte[] stream = concat(DATA_ROW, COMMAND_COMPLETE, READY, DATA_ROW);
    for (int chunk = 1; chunk <= stream.length; chunk++) {
      ResponseCapture capture = new ResponseCapture(1024);
      int consumed = 0;
      for (int at = 0; at < stream.length && !capture.complete(); at += chunk) {
        ByteBuffer piece = ByteBuffer.wrap(stream, at, Math.min(chunk, stream.length - at)).slice().asReadOnlyBuffer();
        consumed += capture.accept(piece);
        assertThat(piece.position()).isZero();
      }
      assertThat(capture.complete()).isTrue();
      assertThat(consumed).as("chunk %d", chunk).isEqualTo(stream.length - DATA_ROW.length);
      assertThat(capture.frames()).containsExactly(concat(DATA_ROW, COMMAND_COMPLETE));
      assertThat(capture.readyForQueryStatus()).isEqualTo((byte) 'I');
      assertThat(capture.oversized()).isFalse();
      assertThat(capture.sawError()).isFalse();
    }
  }

  @Test
  void anAnswerOverTheLimitIsOversizedButItsEndIsStillFound() {
    ResponseCapture capture = new ResponseCapture(DATA_ROW.length + COMMAND_COMPLETE.length - 1);
    capture.accept(ByteBuffer.wrap(concat(DATA_ROW, COMMAND_COMPLETE, READY)));
    assertThat(capture.complete()).isTrue();
    assertThat(capture.oversized()).isTrue();
    assertThat(capture.frames()).isEmpty();
  }

  @Test
  void errorsAreNoticed() {
    ResponseCapture capture = new ResponseCapture(1024);
    capture.accept(ByteBuffer.wrap(concat(ERROR, READY)));
    assertThat(capture.sawError()).isTrue();
    assertThat(capture.complete()).isTrue();
  }
}
