package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * The server is ready for the next query and reports the transaction status. For the pool this is the
 * moment a connection can go back ({@code IDLE}) or must stay pinned ({@code IN_TRANSACTION}, {@code FAILED}).
 */
public record ReadyForQuery(TransactionStatus status) implements BackendMessage {
  public static final byte TAG = 'Z';
  public static final ReadyForQuery IDLE = new ReadyForQuery(TransactionStatus.IDLE);
  public static final ReadyForQuery IN_TRANSACTION = new ReadyForQuery(TransactionStatus.IN_TRANSACTION);
  public static final ReadyForQuery FAILED = new ReadyForQuery(TransactionStatus.FAILED);

  public ReadyForQuery {
    Objects.requireNonNull(status, "status");
  }

  /** The shared instance for a status: ReadyForQuery is the most frequent message and needs no allocation. */
  public static ReadyForQuery of(TransactionStatus status) {
    switch (status) {
      case IDLE:
        return IDLE;
      case IN_TRANSACTION:
        return IN_TRANSACTION;
      case FAILED:
        return FAILED;
      default:
        throw new IllegalArgumentException("unknown transaction status " + status);
    }
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    out.writeByte(status.code());
    Wire.endMessage(out, lengthIndex);
  }

  public static ReadyForQuery decode(ByteBuf body) throws ProtocolException {
    TransactionStatus status = TransactionStatus.fromCode(Wire.readByte(body));
    Wire.expectEnd(body, "ReadyForQuery");
    return of(status);
  }
}
