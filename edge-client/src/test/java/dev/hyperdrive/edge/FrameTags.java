package dev.hyperdrive.edge;

import java.nio.ByteBuffer;

/** The message tags in a run of whole tagged frames, as a string ("PBDES"), for asserting batches. */
final class FrameTags {
  private FrameTags() {}

  static String of(byte[] frames) {
    StringBuilder tags = new StringBuilder();
    ByteBuffer buffer = ByteBuffer.wrap(frames);
    while (buffer.remaining() >= 5) {
      int start = buffer.position();
      tags.append((char) buffer.get(start));
      buffer.position(start + 1 + buffer.getInt(start + 1));
    }
    return tags.toString();
  }
}
