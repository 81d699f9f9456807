package dev.hyperdrive.wire.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.Direction;
import dev.hyperdrive.wire.FrameRecorder;
import dev.hyperdrive.wire.MessageLimits;
import dev.hyperdrive.wire.PgFrameDecoder;
import dev.hyperdrive.wire.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Decoding what we encoded gives back the same message, alone or framed out of an arbitrarily cut stream. */
class FrontendRoundTripTest {

  @Property(tries = 3000)
  void everyMessageSurvivesEncodeThenDecode(@ForAll("anyMessage") FrontendMessage message,
      @ForAll @IntRange(max = 16) int offset) throws ProtocolException {
    ByteBuf buffer = Unpooled.buffer();
    try {
      buffer.writeZero(offset);
      message.encode(buffer);
      int end = buffer.writerIndex();
      buffer.writeByte(0x7F);
      buffer.readerIndex(offset);

      FrontendMessage decoded = FrontendArbitraries.isStartupPhase(message)
          ? FrontendDecoder.decodeStartup(buffer)
          : FrontendDecoder.decode(buffer, FrontendArbitraries.kindOf(message));

      assertThat(decoded).isEqualTo(message).hasSameHashCodeAs(message);
      assertThat(buffer.readerIndex()).isEqualTo(end);
    } finally {
      buffer.release();
    }
  }

  @Property(tries = 1000)
  void aSessionSurvivesTheFrameDecoderCutAnywhere(@ForAll("sessions") List<FrontendMessage> session,
      @ForAll long chunkSeed) throws ProtocolException {
    FrontendSessions.Encoded encoded = FrontendSessions.encode(session);
    Random random = new Random(chunkSeed);
    try (FrameRecorder recorder = new FrameRecorder(new PgFrameDecoder(Direction.FRONTEND, MessageLimits.DEFAULT))) {
      int offset = 0;
      for (int i = 0; i < session.size(); i++) {
        boolean encryptionRequest = session.get(i) instanceof SslRequest || session.get(i) instanceof GssEncRequest;
        if (encryptionRequest) {
          // A client waits for the one-byte answer before it sends anything else.
          int end = i + 1 < session.size() ? encoded.frameStarts().get(i + 1) : encoded.bytes().length;
          recorder.write(encoded.bytes(), offset, end - offset);
          offset = end;
        }
      }
      while (offset < encoded.bytes().length) {
        int chunk = 1 + random.nextInt(Math.min(100, encoded.bytes().length - offset));
        recorder.write(encoded.bytes(), offset, chunk);
        offset += chunk;
      }

      assertThat(recorder.errors()).isEmpty();
      List<FrontendMessage> decoded = new ArrayList<>();
      List<ByteBuf> frames = recorder.frames();
      for (int i = 0; i < frames.size(); i++) {
        FrontendMessage expected = session.get(i);
        decoded.add(FrontendArbitraries.isStartupPhase(expected)
            ? FrontendDecoder.decodeStartup(frames.get(i))
            : FrontendDecoder.decode(frames.get(i), FrontendArbitraries.kindOf(expected)));
      }
      assertThat(decoded).isEqualTo(session);
    }
  }

  @Provide
  Arbitrary<FrontendMessage> anyMessage() {
    return Arbitraries.oneOf(FrontendArbitraries.startupPhase(), FrontendArbitraries.tagged());
  }

  @Provide
  Arbitrary<List<FrontendMessage>> sessions() {
    return FrontendSessions.sessions();
  }
}
