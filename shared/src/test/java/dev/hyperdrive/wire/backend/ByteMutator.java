package dev.hyperdrive.wire.backend;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Makes hostile inputs for fuzzing: random frames and small corruptions of valid ones. Deterministic per seed. */
final class ByteMutator {
  /** Values that sit on the edges decoders get wrong: NULL length, sign bits, the largest counts. */
  private static final int[] INTERESTING_INTS = {0, 1, -1, -2, 4, 5, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000};
  private static final byte[] BACKEND_TAGS = "RKE23NnIsctGHWdDCSAVvZTt1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final SplittableRandom random;

  ByteMutator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Mostly a valid header with a random body (so bodies get parsed), sometimes pure noise. */
  byte[] randomFrame() {
    if (random.nextInt(4) == 0) {
      return randomBytes(random.nextInt(48));
    }
    byte[] frame = randomBytes(5 + random.nextInt(48));
    frame[0] = BACKEND_TAGS[random.nextInt(BACKEND_TAGS.length)];
    BackendBytes.writeInt32(frame, 1, frame.length - 1);
    return frame;
  }

  /** One to three {@link #randomFrame}s back to back. */
  byte[] randomFrames() {
    byte[] stream = randomFrame();
    for (int more = random.nextInt(3); more > 0; more--) {
      stream = concat(stream, randomFrame());
    }
    return stream;
  }

  /** One to four corruptions anywhere in a frame or a stream of frames. */
  byte[] mutate(byte[] bytes) {
    byte[] mutated = bytes.clone();
    for (int rounds = 1 + random.nextInt(4); rounds > 0; rounds--) {
      mutated = mutateOnce(mutated);
    }
    return mutated;
  }

  /** {@link #mutate}, then, half the time, a length field that agrees again so that the body gets parsed. */
  byte[] mutateFrame(byte[] frame) {
    byte[] mutated = mutate(frame);
    if (mutated.length >= 5 && random.nextBoolean()) {
      BackendBytes.writeInt32(mutated, 1, mutated.length - 1);
    }
    return mutated;
  }

  private byte[] mutateOnce(byte[] bytes) {
    if (bytes.length == 0) {
      return randomBytes(1 + random.nextInt(8));
    }
    int at = random.nextInt(bytes.length);
    switch (random.nextInt(7)) {
      case 0:
        bytes[at] ^= (byte) (1 << random.nextInt(8));
        return bytes;
      case 1:
        bytes[at] = (byte) INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)];
        return bytes;
      case 2:
        if (at + 4 <= bytes.length) {
          BackendBytes.writeInt32(bytes, at, INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)]);
        }
        return bytes;
      case 3:
        return Arrays.copyOf(bytes, at);
      case 4:
        return concat(bytes, randomBytes(1 + random.nextInt(8)));
      case 5:
        return concat(Arrays.copyOf(bytes, at), Arrays.copyOfRange(bytes, at + 1, bytes.length));
      default:
        return concat(concat(Arrays.copyOf(bytes, at), randomBytes(1)), Arrays.copyOfRange(bytes, at, bytes.length));
    }
  }

  /** A server's stream: one to eight frames picked from {@code frames}, back to back. */
  byte[] stream(List<byte[]> frames) {
    byte[] stream = new byte[0];
    for (int count = 1 + random.nextInt(8); count > 0; count--) {
      stream = concat(stream, frames.get(random.nextInt(frames.size())));
    }
    return stream;
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
