package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/** A warning or informational message (WARNING, NOTICE, INFO, LOG, DEBUG) that does not end the command. */
public record NoticeResponse(Notice fields) implements NoticeMessage {
  public static final byte TAG = 'N';

  public NoticeResponse {
    Objects.requireNonNull(fields, "fields");
  }

  /** A notice with the fields PostgreSQL always writes (S, V, C, M); severity e.g. "WARNING" or "NOTICE". */
  public static NoticeResponse of(String severity, String sqlState, String message) {
    return new NoticeResponse(Notice.of(severity, sqlState, message));
  }

  public NoticeResponse withDetail(String detail) {
    return new NoticeResponse(fields.with(Notice.DETAIL, detail));
  }

  public NoticeResponse withHint(String hint) {
    return new NoticeResponse(fields.with(Notice.HINT, hint));
  }

  @Override
  public void encode(ByteBuf out) {
    fields.encode(out, TAG);
  }

  public static NoticeResponse decode(ByteBuf body) throws ProtocolException {
    return new NoticeResponse(Notice.decode(body, "NoticeResponse"));
  }

  @Override
  public String toString() {
    return "NoticeResponse[" + fields + "]";
  }
}
