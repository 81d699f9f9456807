package dev.hyperdrive.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.backend.AuthenticationSasl;
import dev.hyperdrive.wire.backend.BackendDecoder;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.frontend.AuthResponseKind;
import dev.hyperdrive.wire.frontend.FrontendDecoder;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Decodes a {@link RecordedSession} frame by frame with our codec, insisting that each message consumes
 * its whole frame and re-encodes to exactly the bytes that crossed the wire.
 */
final class SessionDecoding {
  private SessionDecoding() {}

  static List<BackendMessage> backendMessages(RecordedSession session) throws ProtocolException {
    int answers = encryptionAnswers(session);
    for (int i = 0; i < answers; i++) {
      assertThat((char) session.backend()[i]).as("answer to an encryption request").isIn('N', 'S', 'G');
    }
    List<BackendMessage> messages = new ArrayList<>();
    for (byte[] frame : RecordedFrames.backend(session.backend(), answers)) {
      ByteBuf in = Unpooled.wrappedBuffer(frame);
      BackendMessage message = BackendDecoder.decode(in);
      assertThat(in.isReadable()).as("%s left bytes unread", message).isFalse();
      assertReencodes(message, frame);
      messages.add(message);
    }
    return messages;
  }

  /**
   * A 'p' frame's meaning depends on the authentication the server asked for: after AuthenticationSASL
   * the first is a SASLInitialResponse and the rest SASLResponses; otherwise it is a PasswordMessage.
   */
  static List<FrontendMessage> frontendMessages(RecordedSession session) throws ProtocolException {
    boolean sasl = backendMessages(session).stream().anyMatch(AuthenticationSasl.class::isInstance);
    List<byte[]> frames = RecordedFrames.frontend(session.frontend());
    List<FrontendMessage> messages = new ArrayList<>();
    boolean startup = true;
    int authResponses = 0;
    for (byte[] frame : frames) {
      ByteBuf in = Unpooled.wrappedBuffer(frame);
      FrontendMessage message;
      if (startup) {
        message = FrontendDecoder.decodeStartup(in);
        startup = frame.length == 8 && RecordedFrames.encryptionRequests(List.of(frame)) == 1;
      } else {
        AuthResponseKind kind = AuthResponseKind.PASSWORD;
        if (frame[0] == 'p' && sasl) {
          kind = authResponses == 0 ? AuthResponseKind.SASL_INITIAL : AuthResponseKind.SASL_RESPONSE;
        }
        if (frame[0] == 'p') {
          authResponses++;
        }
        message = FrontendDecoder.decode(in, kind);
      }
      assertThat(in.isReadable()).as("%s left bytes unread", message).isFalse();
      assertReencodes(message, frame);
      messages.add(message);
    }
    return messages;
  }

  /** Feeds a stream to {@link PgFrameDecoder} in random-sized chunks and returns the frames it cut. */
  static List<byte[]> cutByPgFrameDecoder(Direction direction, byte[] stream, Random chunkSizes) {
    EmbeddedChannel channel = new EmbeddedChannel(new PgFrameDecoder(direction, MessageLimits.DEFAULT));
    int position = 0;
    while (position < stream.length) {
      int chunk = Math.min(1 + chunkSizes.nextInt(64), stream.length - position);
      channel.writeInbound(Unpooled.copiedBuffer(stream, position, chunk));
      position += chunk;
    }
    channel.checkException();
    List<byte[]> frames = new ArrayList<>();
    for (ByteBuf frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
      frames.add(ByteBufUtil.getBytes(frame));
      frame.release();
    }
    assertThat(channel.finish()).as("PgFrameDecoder kept bytes after the last frame").isFalse();
    return frames;
  }

  static int encryptionAnswers(RecordedSession session) {
    return RecordedFrames.encryptionRequests(RecordedFrames.frontend(session.frontend()));
  }

  private static void assertReencodes(PgMessage message, byte[] frame) {
    ByteBuf out = Unpooled.buffer(frame.length);
    try {
      message.encode(out);
      assertThat(ByteBufUtil.getBytes(out)).as("re-encoded %s", message).isEqualTo(frame);
    } finally {
      out.release();
    }
  }
}
