package dev.hyperdrive.wire.frontend;

import java.util.Arrays;
import java.util.Random;

/** Damage done to a valid encoding, the kinds that broken or hostile clients produce. */
final class Mutations {
  private static final int[] INTERESTING_LENGTHS = {
      -1, 0, 3, 4, 5, 7, 8, 9, 16, 10_000, 10_001, 65_535, 65_536, 1 << 30, (1 << 30) + 1, Integer.MAX_VALUE,
      Integer.MIN_VALUE};

  private Mutations() {}

  /** Applies one to four random mutations; {@code random} decides which and where. */
  static byte[] mutate(FrontendSessions.Encoded encoded, Random random) {
    byte[] bytes = encoded.bytes();
    int count = 1 + random.nextInt(4);
    for (int i = 0; i < count; i++) {
      bytes = mutateOnce(bytes, encoded, random);
    }
    return bytes;
  }

  private static byte[] mutateOnce(byte[] original, FrontendSessions.Encoded encoded, Random random) {
    byte[] bytes = original.clone();
    if (bytes.length == 0) {
      return bytes;
    }
    int at = random.nextInt(bytes.length);
    switch (random.nextInt(8)) {
      case 0: // flip one bit
        bytes[at] ^= (byte) (1 << random.nextInt(8));
        return bytes;
      case 1: // overwrite one byte
        bytes[at] = (byte) random.nextInt(256);
        return bytes;
      case 2: // the connection drops mid-stream
        return Arrays.copyOf(bytes, at);
      case 3: // a header lies about its length
        return withLength(bytes, encoded, random);
      case 4: // a frame gets another tag
        return withTag(bytes, encoded, random);
      case 5: // stray bytes appear
        return splice(bytes, at, 0, randomBytes(random, 1 + random.nextInt(8)));
      case 6: // bytes go missing
        return splice(bytes, at, Math.min(bytes.length - at, 1 + random.nextInt(8)), new byte[0]);
      default: // a stretch repeats
        int length = Math.min(bytes.length - at, 1 + random.nextInt(32));
        return splice(bytes, at, 0, Arrays.copyOfRange(bytes, at, at + length));
    }
  }

  private static byte[] withLength(byte[] bytes, FrontendSessions.Encoded encoded, Random random) {
    int frame = random.nextInt(encoded.frameStarts().size());
    int at = encoded.frameStarts().get(frame) + (encoded.untagged().get(frame) ? 0 : 1);
    if (at + 4 > bytes.length) {
      return bytes;
    }
    int current = (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
        | (bytes[at + 3] & 0xFF);
    int length;
    switch (random.nextInt(3)) {
      case 0: length = current + random.nextInt(9) - 4; break;
      case 1: length = INTERESTING_LENGTHS[random.nextInt(INTERESTING_LENGTHS.length)]; break;
      default: length = random.nextInt(); break;
    }
    bytes[at] = (byte) (length >>> 24);
    bytes[at + 1] = (byte) (length >>> 16);
    bytes[at + 2] = (byte) (length >>> 8);
    bytes[at + 3] = (byte) length;
    return bytes;
  }

  private static byte[] withTag(byte[] bytes, FrontendSessions.Encoded encoded, Random random) {
    int at = encoded.frameStarts().get(random.nextInt(encoded.frameStarts().size()));
    if (at < bytes.length) {
      byte[] tags = "BCDEFHPQScdfpXZKT".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      bytes[at] = tags[random.nextInt(tags.length)];
    }
    return bytes;
  }

  private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
    byte[] result = new byte[bytes.length - remove + insert.length];
    System.arraycopy(bytes, 0, result, 0, at);
    System.arraycopy(insert, 0, result, at, insert.length);
    System.arraycopy(bytes, at + remove, result, at + insert.length, bytes.length - at - remove);
    return result;
  }

  static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
