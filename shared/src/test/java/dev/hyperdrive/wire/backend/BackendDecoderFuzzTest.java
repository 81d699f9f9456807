package dev.hyperdrive.wire.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.Direction;
import dev.hyperdrive.wire.FrameRecorder;
import dev.hyperdrive.wire.MessageLimits;
import dev.hyperdrive.wire.PgFrameDecoder;
import dev.hyperdrive.wire.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server (or a corrupted relay) may send anything: every input must end in messages or a ProtocolException,
 * never another exception, a hang, a leak or an outsized allocation. Deterministic: a failure names its input.
 */
class BackendDecoderFuzzTest {
  /** How an input ended. */
  enum Outcome { DECODED, FRAME_REFUSED, MESSAGE_REFUSED }

  private static final int INPUTS = 100_000;
  private static final long SEED = 0x5eed_bac0L;
  private static final MessageLimits SMALL_LIMITS = new MessageLimits(64);
  private static final List<byte[]> VALID_FRAMES = BackendMessageBytesTest.documentedFrames()
      .map(arguments -> BackendBytes.fromHex((String) arguments.get()[1]))
      .collect(Collectors.toList());

  /** Single frames straight into BackendDecoder, lengths mostly consistent so that bodies get parsed. */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void randomAndMutatedFramesEndInAMessageOrAProtocolException() {
    ByteMutator mutator = new ByteMutator(SEED);
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);

    for (int i = 0; i < INPUTS; i++) {
      byte[] input = i % 2 == 0
          ? mutator.randomFrame()
          : mutator.mutateFrame(VALID_FRAMES.get(mutator.nextInt(VALID_FRAMES.size())));
      outcomes.merge(decodeOrRefuse(input), 1, Integer::sum);
    }

    // Both outcomes must be common, or the fuzzer is only exercising the first check.
    assertThat(outcomes.get(Outcome.DECODED)).isGreaterThan(INPUTS / 20);
    assertThat(outcomes.get(Outcome.MESSAGE_REFUSED)).isGreaterThan(INPUTS / 20);
  }

  /** Whole server streams as the endpoint reads them: PgFrameDecoder in a channel, then BackendDecoder. */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void randomAndMutatedStreamsThroughTheFrameDecoderEndInMessagesOrOneProtocolException() {
    ByteMutator mutator = new ByteMutator(SEED + 1);
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);

    for (int i = 0; i < INPUTS; i++) {
      byte[] stream = i % 2 == 0 ? mutator.randomFrames() : mutator.mutate(mutator.stream(VALID_FRAMES));
      try {
        outcomes.merge(readStream(stream, mutator), 1, Integer::sum);
      } catch (RuntimeException | AssertionError unexpected) {
        throw new AssertionError("stream " + ByteBufUtil.hexDump(stream) + " failed: " + unexpected, unexpected);
      }
    }

    assertThat(outcomes.get(Outcome.DECODED)).isGreaterThan(INPUTS / 20);
    assertThat(outcomes.get(Outcome.FRAME_REFUSED)).isGreaterThan(INPUTS / 20);
    assertThat(outcomes.get(Outcome.MESSAGE_REFUSED)).isGreaterThan(INPUTS / 100);
  }

  private static Outcome readStream(byte[] stream, ByteMutator mutator) {
    MessageLimits limits = mutator.nextInt(4) == 0 ? SMALL_LIMITS : MessageLimits.DEFAULT;
    try (FrameRecorder recorder = new FrameRecorder(new PgFrameDecoder(Direction.BACKEND, limits))) {
      for (int offset = 0, chunk; offset < stream.length; offset += chunk) {
        chunk = 1 + mutator.nextInt(Math.min(32, stream.length - offset));
        recorder.write(stream, offset, chunk);
      }

      List<Throwable> errors = recorder.errors();
      assertThat(errors).hasSizeLessThanOrEqualTo(1).allMatch(error -> error instanceof ProtocolException);
      if (!errors.isEmpty()) {
        assertThat(recorder.events().get(recorder.events().size() - 1).error())
            .as("nothing follows a refusal").isNotNull();
      }
      for (ByteBuf frame : recorder.frames()) {
        assertThat(frame.getInt(frame.readerIndex() + 1) + 1).as("frame is whole").isEqualTo(frame.readableBytes());
        // A heap copy: paranoid leak detection records a trace on every access to the pooled frame itself.
        if (decodeOrRefuse(ByteBufUtil.getBytes(frame)) == Outcome.MESSAGE_REFUSED) {
          return Outcome.MESSAGE_REFUSED;
        }
      }
      return errors.isEmpty() ? Outcome.DECODED : Outcome.FRAME_REFUSED;
    }
  }

  /** A message comes out (and survives its own round trip), or a ProtocolException; nothing else may. */
  private static Outcome decodeOrRefuse(byte[] frame) {
    try {
      BackendMessage message = BackendBytes.decode(frame);
      assertThat(BackendBytes.decode(BackendBytes.encode(message))).isEqualTo(message);
      return Outcome.DECODED;
    } catch (ProtocolException refused) {
      return Outcome.MESSAGE_REFUSED;
    } catch (RuntimeException | AssertionError | OutOfMemoryError unexpected) {
      throw new AssertionError("frame " + ByteBufUtil.hexDump(frame) + " escaped with " + unexpected, unexpected);
    }
  }
}
