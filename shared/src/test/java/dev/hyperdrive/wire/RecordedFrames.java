package dev.hyperdrive.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a recorded byte stream into frames by the protocol's length rules alone, as an independent
 * reference for what {@link PgFrameDecoder} must produce
 * (https://www.postgresql.org/docs/17/protocol-overview.html#PROTOCOL-MESSAGE-CONCEPTS).
 */
final class RecordedFrames {
  private static final int SSL_REQUEST = 80877103;
  private static final int GSSENC_REQUEST = 80877104;

  private RecordedFrames() {}

  /** Startup-phase packets (untagged) until the StartupMessage, then tagged frames. */
  static List<byte[]> frontend(byte[] stream) {
    List<byte[]> frames = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(stream);
    boolean startup = true;
    while (in.hasRemaining()) {
      int start = in.position();
      if (startup) {
        int length = in.getInt(start);
        int code = in.getInt(start + 4);
        startup = code == SSL_REQUEST || code == GSSENC_REQUEST;
        frames.add(take(in, length));
      } else {
        frames.add(take(in, 1 + in.getInt(start + 1)));
      }
    }
    return frames;
  }

  /** How many single-byte answers ('N'/'S'/'G') open the server's stream: one per encryption request. */
  static int encryptionRequests(List<byte[]> frontendFrames) {
    int requests = 0;
    for (byte[] frame : frontendFrames) {
      if (frame.length == 8 && frame[0] == 0) {
        int code = ByteBuffer.wrap(frame).getInt(4);
        if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
          requests++;
        }
      }
    }
    return requests;
  }

  /** Tagged frames after {@code encryptionAnswers} single bytes. */
  static List<byte[]> backend(byte[] stream, int encryptionAnswers) {
    List<byte[]> frames = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(stream);
    in.position(encryptionAnswers);
    while (in.hasRemaining()) {
      frames.add(take(in, 1 + in.getInt(in.position() + 1)));
    }
    return frames;
  }

  private static byte[] take(ByteBuffer in, int length) {
    int start = in.position();
    in.position(start + length);
    return Arrays.copyOfRange(in.array(), start, start + length);
  }
}
