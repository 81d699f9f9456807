package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.ProtocolException;

/** What a Describe or Close names: a prepared statement or a portal. */
public enum Target {
  STATEMENT((byte) 'S'),
  PORTAL((byte) 'P');

  private final byte code;

  Target(byte code) {
    this.code = code;
  }

  public byte code() {
    return code;
  }

  public static Target fromCode(byte code) throws ProtocolException {
    for (Target target : values()) {
      if (target.code == code) {
        return target;
      }
    }
    throw new ProtocolException("invalid DESCRIBE/CLOSE message subtype " + code);
  }
}
