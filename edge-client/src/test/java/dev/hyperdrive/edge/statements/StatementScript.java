package dev.hyperdrive.edge.statements;

import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.BackendDecoder;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.frontend.Bind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives one session's {@link EdgeStatements} the way ClientSession and SessionRelay do: a batch of
 * driver requests is planned, and either answered here or "sent"; the origin's answers go through the
 * response filter and what the driver would see is decoded back into messages.
 */
final class StatementScript {
  final EdgeStatements statements;
  private boolean originSettled = true;
  private TransactionStatus status = TransactionStatus.IDLE;

  StatementScript(StatementMetadataCache cache) {
    this.statements = new EdgeStatements(cache);
  }

  StatementScript status(TransactionStatus newStatus) {
    this.status = newStatus;
    return this;
  }

  StatementScript originSettled(boolean settled) {
    this.originSettled = settled;
    return this;
  }

  /** The driver sends {@code requests}: returns the decision (the caller checks it and its frames). */
  BatchDecision driverSends(PgMessage... requests) throws ProtocolException {
    BatchDecision decision = statements.plan(encode(requests), originSettled, status);
    if (decision instanceof BatchDecision.Forward forward) {
      statements.sent(forward);
    }
    return decision;
  }

  /** The origin answers with {@code responses}, delivered in chunks of {@code chunk} bytes. */
  List<BackendMessage> originAnswers(int chunk, PgMessage... responses) throws ProtocolException {
    byte[] bytes = bytes(responses);
    ByteBuf visible = Unpooled.buffer();
    try {
      for (int offset = 0; offset < bytes.length; offset += chunk) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes, offset, Math.min(chunk, bytes.length - offset));
        ByteBuf out = statements.responses().filter(in);
        visible.writeBytes(out);
        out.release();
      }
      return decode(visible);
    } finally {
      visible.release();
    }
  }

  List<BackendMessage> originAnswers(PgMessage... responses) throws ProtocolException {
    return originAnswers(Integer.MAX_VALUE, responses);
  }

  static ByteBuf encode(PgMessage... messages) {
    ByteBuf out = Unpooled.buffer();
    for (PgMessage message : messages) {
      message.encode(out);
    }
    return out;
  }

  static byte[] bytes(PgMessage... messages) {
    ByteBuf buffer = encode(messages);
    try {
      return ByteBufUtil.getBytes(buffer);
    } finally {
      buffer.release();
    }
  }

  /** Decodes whole backend messages; releases nothing. */
  static List<BackendMessage> decode(ByteBuf frames) throws ProtocolException {
    ByteBuf view = frames.duplicate();
    List<BackendMessage> messages = new ArrayList<>();
    while (view.isReadable()) {
      int length = view.getInt(view.readerIndex() + 1);
      messages.add(BackendDecoder.decode(view.readSlice(1 + length)));
    }
    return messages;
  }

  /** The frontend tags of a batch, e.g. "PDBES". */
  static String tags(ByteBuf frames) {
    StringBuilder tags = new StringBuilder();
    for (RequestFrame frame : RequestFrame.split(frames)) {
      tags.append((char) frame.tag());
    }
    return tags.toString();
  }

  static Bind bind(String statement) {
    return new Bind("", statement, new short[0], List.of(), new short[0]);
  }
}
