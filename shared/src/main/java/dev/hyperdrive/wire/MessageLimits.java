package dev.hyperdrive.wire;

/**
 * How large a frame may be. PostgreSQL caps a message at 1 GiB (a DataRow or CopyData can be that
 * large) and a startup packet at 10,000 bytes.
 */
public record MessageLimits(int maxMessageLength) {
  public static final int MAX_STARTUP_PACKET_LENGTH = 10_000;
  public static final MessageLimits DEFAULT = new MessageLimits(1 << 30);

  public MessageLimits {
    if (maxMessageLength < 4) {
      throw new IllegalArgumentException("maxMessageLength must be at least 4, got " + maxMessageLength);
    }
  }
}
