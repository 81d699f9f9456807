package dev.hyperdrive.wire.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.Direction;
import dev.hyperdrive.wire.FrameRecorder;
import dev.hyperdrive.wire.MessageLimits;
import dev.hyperdrive.wire.PgFrameDecoder;
import dev.hyperdrive.wire.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;

/**
 * 100,000 hostile byte streams through the server's read path (PgFrameDecoder, then FrontendDecoder):
 * every one must end in decoded messages or a single ProtocolException, never another exception, a
 * malformed frame or a leak.
 */
class FrontendFuzzTest {
  /** How a stream ended. */
  enum Outcome { ALL_DECODED, FRAME_REFUSED, MESSAGE_REFUSED }

  private static final AuthResponseKind[] KINDS = AuthResponseKind.values();
  private static final MessageLimits SMALL_LIMITS = new MessageLimits(64);
  private static final int MUTANTS_PER_SESSION = 10;

  @Property(tries = 50_000, shrinking = ShrinkingMode.OFF)
  void randomBytesEndInMessagesOrAProtocolError(@ForAll long seed) {
    Random random = new Random(seed);
    byte[] stream = Mutations.randomBytes(random, random.nextInt(96));
    if (random.nextBoolean() && stream.length > 0) {
      // Half the streams start with a plausible tag, to get past the first byte now and then.
      stream[0] = (byte) "BCDEFHPQScdfpX".charAt(random.nextInt(14));
    }
    Outcome outcome = run(stream, random.nextInt(3) == 0, random);
    Statistics.label("outcome").collect(outcome);
  }

  /** 5,000 generated sessions, each damaged ten different ways: 50,000 streams at a tenth of the generation cost. */
  @Property(tries = 5_000, shrinking = ShrinkingMode.OFF)
  void mutatedSessionsEndInMessagesOrAProtocolError(@ForAll("sessions") List<FrontendMessage> session,
      @ForAll long seed) {
    Random random = new Random(seed);
    FrontendSessions.Encoded encoded = FrontendSessions.encode(session);
    for (int i = 0; i < MUTANTS_PER_SESSION; i++) {
      Statistics.label("outcome").collect(run(Mutations.mutate(encoded, random), true, random));
    }
    // Without this the property could pass with every stream refused at its first byte.
    Statistics.label("outcome").coverage(coverage -> {
      coverage.check(Outcome.ALL_DECODED).percentage(percent -> percent > 5);
      coverage.check(Outcome.FRAME_REFUSED).percentage(percent -> percent > 5);
      coverage.check(Outcome.MESSAGE_REFUSED).percentage(percent -> percent > 1);
    });
  }

  @Provide
  Arbitrary<List<FrontendMessage>> sessions() {
    return FrontendSessions.sessions();
  }

  private static Outcome run(byte[] stream, boolean startupMode, Random random) {
    MessageLimits limits = random.nextInt(4) == 0 ? SMALL_LIMITS : MessageLimits.DEFAULT;
    try (FrameRecorder recorder = new FrameRecorder(new PgFrameDecoder(Direction.FRONTEND, limits, startupMode))) {
      int offset = 0;
      while (offset < stream.length) {
        int chunk = 1 + random.nextInt(Math.min(64, stream.length - offset));
        recorder.write(stream, offset, chunk);
        offset += chunk;
      }

      List<Throwable> errors = recorder.errors();
      assertThat(errors).hasSizeLessThanOrEqualTo(1).allMatch(error -> error instanceof ProtocolException);
      if (!errors.isEmpty()) {
        assertThat(recorder.events().get(recorder.events().size() - 1).error()).isNotNull();
      }
      assertFramesAreWhole(recorder.frames(), startupMode, stream.length);
      Outcome decoded = decodeAll(recorder.frames(), startupMode, random);
      if (decoded == Outcome.MESSAGE_REFUSED) {
        return decoded;
      }
      return errors.isEmpty() ? Outcome.ALL_DECODED : Outcome.FRAME_REFUSED;
    }
  }

  /** Each frame is exactly as long as its header says, and together they never exceed the input. */
  private static void assertFramesAreWhole(List<ByteBuf> frames, boolean startupMode, int streamLength) {
    long total = 0;
    for (ByteBuf frame : frames) {
      boolean untagged = startupMode && frame.getInt(frame.readerIndex()) == frame.readableBytes();
      int length = untagged ? frame.getInt(frame.readerIndex()) : frame.getInt(frame.readerIndex() + 1) + 1;
      assertThat(frame.readableBytes()).isEqualTo(length);
      total += frame.readableBytes();
    }
    assertThat(total).isLessThanOrEqualTo(streamLength);
  }

  /**
   * Reads frames as the edge does: startup packets until the StartupMessage, then tagged messages. It reads
   * heap copies: paranoid leak detection records a stack trace on every access to a pooled frame, which
   * would make 100,000 streams slow, and the round-trip test already decodes the frames themselves.
   */
  private static Outcome decodeAll(List<ByteBuf> frames, boolean startupMode, Random random) {
    boolean startup = startupMode;
    for (ByteBuf pooledFrame : frames) {
      ByteBuf frame = Unpooled.wrappedBuffer(ByteBufUtil.getBytes(pooledFrame));
      try {
        FrontendMessage message = startup
            ? FrontendDecoder.decodeStartup(frame)
            : FrontendDecoder.decode(frame, KINDS[random.nextInt(KINDS.length)]);
        assertThat(frame.isReadable()).as("a decoded frame is consumed whole").isFalse();
        startup = startup && (message instanceof SslRequest || message instanceof GssEncRequest);
      } catch (ProtocolException refused) {
        return Outcome.MESSAGE_REFUSED;
      }
    }
    return Outcome.ALL_DECODED;
  }
}
