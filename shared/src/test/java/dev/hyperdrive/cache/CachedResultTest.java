package dev.hyperdrive.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CachedResultTest {
  /** RowDescription-free answer to a tiny query: DataRow("1") then CommandComplete("SELECT 1"). */
  static final byte[] ANSWER = {
      'D', 0, 0, 0, 11, 0, 1, 0, 0, 0, 1, '1',
      'C', 0, 0, 0, 13, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', 0};
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void encodesToExactBytesAndBack() {
    CachedResult entry = CachedResult.of(ANSWER, T0, Duration.ofSeconds(60));
    byte[] encoded = entry.encode();
    // version, storedAt varint (6 bytes for 2026 in ms), max age 60000 varint (3 bytes), frames behind their length
    assertThat(encoded[0]).isEqualTo((byte) 1);
    assertThat(Arrays.copyOfRange(encoded, 7, 10)).containsExactly((byte) 0xE0, (byte) 0xD4, 0x03);
    assertThat(encoded[10]).isEqualTo((byte) ANSWER.length);
    assertThat(Arrays.copyOfRange(encoded, 11, encoded.length)).containsExactly(ANSWER);
    assertThat(encoded).hasSize(11 + ANSWER.length);
    CachedResult decoded = CachedResult.decode(encoded);
    assertThat(decoded).isEqualTo(entry);
    assertThat(decoded.storedAt()).isEqualTo(T0);
    assertThat(decoded.expiresAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(decoded.frames()).containsExactly(ANSWER);
  }

  @Test
  void freshnessFollowsTheExpiry() {
    CachedResult entry = CachedResult.of(ANSWER, T0, Duration.ofSeconds(60));
    assertThat(entry.isFreshAt(T0.plusSeconds(59))).isTrue();
    assertThat(entry.remainingTtl(T0.plusSeconds(45))).isEqualTo(Duration.ofSeconds(15));
    assertThat(entry.isFreshAt(T0.plusSeconds(60))).isFalse();
    assertThat(entry.remainingTtl(T0.plusSeconds(90))).isEqualTo(Duration.ZERO);
    CachedResult fromOtherTier = CachedResult.of(ANSWER, T0, T0.plusSeconds(5));
    assertThat(fromOtherTier.isFreshAt(T0.plusSeconds(5))).isFalse();
  }

  @Test
  void theFramesCannotBeChangedFromOutside() {
    byte[] frames = ANSWER.clone();
    CachedResult entry = CachedResult.of(frames, T0, Duration.ofSeconds(1));
    frames[0] = 'X';
    entry.frames()[0] = 'X';
    assertThat(entry.frames()).containsExactly(ANSWER);
    assertThat(entry.framesView().isReadOnly()).isTrue();
    assertThat(entry.frameBytes()).isEqualTo(ANSWER.length);
  }

  @Test
  void onlyWholeSuccessfulAnswersAreAccepted() {
    byte[] readyForQuery = {'Z', 0, 0, 0, 5, 'I'};
    byte[] error = {'E', 0, 0, 0, 5, 0};
    byte[] notice = {'N', 0, 0, 0, 5, 0};
    byte[] truncated = Arrays.copyOf(ANSWER, ANSWER.length - 1);
    byte[] badLength = {'C', 0, 0, 0, 3};
    for (byte[] frames : new byte[][] {readyForQuery, error, notice, truncated, badLength, {'D', 0}}) {
      assertThatThrownBy(() -> CachedResult.of(frames, T0, Duration.ofSeconds(1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> CachedResult.of(ANSWER, T0, T0.minusMillis(1))).isInstanceOf(IllegalArgumentException.class);
    assertThat(CachedResult.of(new byte[0], T0, Duration.ZERO).frameBytes()).isZero();
  }

  @Test
  void malformedEncodingsAreRejected() {
    byte[] good = CachedResult.of(ANSWER, T0, Duration.ofSeconds(60)).encode();
    for (int length = 0; length < good.length; length++) {
      byte[] truncated = Arrays.copyOf(good, length);
      assertThatThrownBy(() -> CachedResult.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
    }
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> CachedResult.decode(trailing)).isInstanceOf(IllegalArgumentException.class);
  }
}
