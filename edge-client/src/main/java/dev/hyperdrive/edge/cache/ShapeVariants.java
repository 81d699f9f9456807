package dev.hyperdrive.edge.cache;

import dev.hyperdrive.cache.CacheKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers to the lesser shapes of an extended request, cut from the answer to a fuller one. A driver
 * sends one statement in several shapes — pgjdbc's first execution is Parse, Bind, Describe portal,
 * Execute, Sync and the later ones Bind, Execute, Sync; postgres.js describes first and binds later — and
 * each shape is its own cache key, because the answer must hold exactly the messages asked for. Leaving
 * out ParseComplete, a statement's description or a portal's description is always possible, so one
 * answer from the origin serves every shape the driver will use.
 */
final class ShapeVariants {
  /** The answer's messages grouped by the request that produced them, in request order. */
  private record Segment(char letter, byte[] bytes) {}

  private ShapeVariants() {}

  /** For every shape with fewer of P, s and d than {@code key}'s, that shape's key and answer. */
  static Map<CacheKey, byte[]> of(CacheKey key, byte[] frames) {
    Map<CacheKey, byte[]> variants = new LinkedHashMap<>();
    if (key.isSimpleQuery()) {
      return variants;
    }
    List<Segment> segments = segments(key.requestShape(), frames);
    if (segments.isEmpty()) {
      return variants;
    }
    List<Character> optional = new ArrayList<>();
    for (Segment segment : segments) {
      if (segment.letter() != 'B' && segment.letter() != 'E') {
        optional.add(segment.letter());
      }
    }
    // Every proper subset of the optional letters present: at most 7 variants.
    for (int kept = 0; kept < (1 << optional.size()) - 1; kept++) {
      StringBuilder shape = new StringBuilder();
      ByteBuffer answer = ByteBuffer.allocate(frames.length);
      for (Segment segment : segments) {
        int bit = optional.indexOf(segment.letter());
        if (bit < 0 || (kept & (1 << bit)) != 0) {
          shape.append(segment.letter());
          answer.put(segment.bytes());
        }
      }
      byte[] bytes = new byte[answer.position()];
      answer.flip().get(bytes);
      variants.put(CacheKey.extended(key.database(), key.settings(), shape.toString(), key.query(),
          key.parameterTypes(), key.parameterFormats(), key.parameterValues(), key.resultFormats()), bytes);
    }
    return variants;
  }

  /** The answer cut per request letter; empty when it does not have the layout the shape implies. */
  private static List<Segment> segments(String shape, byte[] frames) {
    List<Segment> segments = new ArrayList<>();
    int position = 0;
    for (char letter : shape.toCharArray()) {
      int end = position;
      switch (letter) {
        case 'P' -> end = expect(frames, position, '1');
        case 's' -> {
          end = expect(frames, position, 't');
          end = end < 0 ? -1 : expectDescription(frames, end);
        }
        case 'B' -> end = expect(frames, position, '2');
        case 'd' -> end = expectDescription(frames, position);
        case 'E' -> end = frames.length; // the rows and their CommandComplete: everything that is left
        default -> end = -1;
      }
      if (end < 0) {
        return List.of();
      }
      byte[] bytes = new byte[end - position];
      System.arraycopy(frames, position, bytes, 0, bytes.length);
      segments.add(new Segment(letter, bytes));
      position = end;
    }
    return position == frames.length ? segments : List.of();
  }

  private static int expectDescription(byte[] frames, int position) {
    int end = expect(frames, position, 'T');
    return end >= 0 ? end : expect(frames, position, 'n');
  }

  /** The end of the message at {@code position} if it has {@code tag}, else -1. */
  private static int expect(byte[] frames, int position, char tag) {
    if (position + 5 > frames.length || frames[position] != (byte) tag) {
      return -1;
    }
    int length = ByteBuffer.wrap(frames, position + 1, 4).getInt();
    int end = position + 1 + length;
    return length >= 4 && end <= frames.length ? end : -1;
  }
}
