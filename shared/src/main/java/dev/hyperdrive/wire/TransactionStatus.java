package dev.hyperdrive.wire;

/** The transaction status a ReadyForQuery reports. */
public enum TransactionStatus {
  IDLE((byte) 'I'),
  IN_TRANSACTION((byte) 'T'),
  FAILED((byte) 'E');

  private final byte code;

  TransactionStatus(byte code) {
    this.code = code;
  }

  public byte code() {
    return code;
  }

  public static TransactionStatus fromCode(byte code) throws ProtocolException {
    for (TransactionStatus status : values()) {
      if (status.code == code) {
        return status;
      }
    }
    throw new ProtocolException("invalid transaction status in ReadyForQuery: " + code);
  }
}
