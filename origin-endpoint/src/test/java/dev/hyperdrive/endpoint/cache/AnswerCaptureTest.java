package dev.hyperdrive.endpoint.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.cache.CachedResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AnswerCaptureTest {
  private static final byte[] DATA_ROW = {'D', 0, 0, 0, 11, 0, 1, 0, 0, 0, 1, '1'};
  private static final byte[] COMMAND_COMPLETE = {'C', 0, 0, 0, 13, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', 0};
  private static final byte[] ERROR = {'E', 0, 0, 0, 11, 'C', '2', '2', '0', '1', '2', 0, 0};
  private static final byte[] NOTICE = {'N', 0, 0, 0, 5, 0};
  private static final Instant ASKED = Instant.parse("2026-01-01T00:00:00Z");

  private static ByteBuf frame(byte[] bytes) {
    return Unpooled.wrappedBuffer(bytes);
  }

  private static byte[] readyForQuery(char status) {
    return new byte[] {'Z', 0, 0, 0, 5, (byte) status};
  }

  private static AnswerCapture capture(long maxBytes) {
    return new AnswerCapture(ASKED, Duration.ofSeconds(60), maxBytes);
  }

  /** Feeds frames; true when the last one ended the answer. */
  private static boolean feed(AnswerCapture capture, byte[]... frames) {
    boolean done = false;
    for (byte[] bytes : frames) {
      ByteBuf frame = frame(bytes);
      done = capture.accept(frame);
      assertThat(frame.readerIndex()).isZero();
    }
    return done;
  }

  @Test
  void aCompleteCleanAnswerBecomesAnEntryAgedFromWhenTheOriginWasAsked() {
    AnswerCapture capture = capture(1024);
    assertThat(feed(capture, DATA_ROW, COMMAND_COMPLETE)).isFalse();
    assertThat(capture.result()).isEmpty();
    assertThat(feed(capture, readyForQuery('I'))).isTrue();
    CachedResult result = capture.result().orElseThrow();
    assertThat(result.storedAt()).isEqualTo(ASKED);
    assertThat(result.expiresAt()).isEqualTo(ASKED.plusSeconds(60));
    assertThat(result.frameBytes()).isEqualTo(DATA_ROW.length + COMMAND_COMPLETE.length);
  }

  @Test
  void errorsNoticesTransactionsAndOversizedAnswersAreNotStored() {
    AnswerCapture error = capture(1024);
    feed(error, ERROR, readyForQuery('I'));
    assertThat(error.result()).isEmpty();

    AnswerCapture notice = capture(1024);
    feed(notice, NOTICE, DATA_ROW, COMMAND_COMPLETE, readyForQuery('I'));
    assertThat(notice.result()).isEmpty();

    AnswerCapture inTransaction = capture(1024);
    feed(inTransaction, DATA_ROW, COMMAND_COMPLETE, readyForQuery('T'));
    assertThat(inTransaction.result()).isEmpty();

    AnswerCapture oversized = capture(DATA_ROW.length + COMMAND_COMPLETE.length - 1);
    assertThat(feed(oversized, DATA_ROW, COMMAND_COMPLETE, readyForQuery('I'))).isTrue();
    assertThat(oversized.result()).isEmpty();
  }

  @Test
  void whatFollowsTheReadyForQueryIsNotPartOfTheAnswer() {
    AnswerCapture capture = capture(1024);
    feed(capture, COMMAND_COMPLETE, readyForQuery('I'));
    assertThat(feed(capture, ERROR)).isTrue();
    assertThat(capture.result()).isPresent();
  }
}
