package dev.hyperdrive.wire.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.ProtocolException;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server (or a corrupted relay) may send anything: every input must end in a message or a ProtocolException,
 * never another exception, a hang or an outsized allocation.
 */
class BackendDecoderFuzzTest {
  private static final int INPUTS = 100_000;
  private static final long SEED = 0x5eed_bac0L;

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void randomAndMutatedFramesEndInAMessageOrAProtocolException() {
    ByteMutator mutator = new ByteMutator(SEED);
    List<byte[]> validFrames = BackendMessageBytesTest.documentedFrames()
        .map(arguments -> BackendBytes.fromHex((String) arguments.get()[1]))
        .collect(Collectors.toList());
    int decoded = 0;
    int refused = 0;

    for (int i = 0; i < INPUTS; i++) {
      byte[] input = i % 2 == 0
          ? mutator.randomFrame()
          : mutator.mutate(validFrames.get(mutator.nextInt(validFrames.size())));
      if (decodesOrRefuses(input)) {
        decoded++;
      } else {
        refused++;
      }
    }

    // Both outcomes must be common, or the fuzzer is only exercising the first check.
    assertThat(decoded).isGreaterThan(INPUTS / 20);
    assertThat(refused).isGreaterThan(INPUTS / 20);
  }

  /** True if a message came out (and it survives its own round trip), false if refused. */
  private static boolean decodesOrRefuses(byte[] input) {
    try {
      BackendMessage message = BackendBytes.decode(input);
      assertThat(BackendBytes.decode(BackendBytes.encode(message))).isEqualTo(message);
      return true;
    } catch (ProtocolException refused) {
      return false;
    } catch (RuntimeException | AssertionError | OutOfMemoryError unexpected) {
      throw new AssertionError("input " + ByteBufUtil.hexDump(input) + " escaped with " + unexpected, unexpected);
    }
  }
}
