package dev.hyperdrive.edge.statements;

import dev.hyperdrive.wire.ProtocolException;
import java.io.ByteArrayOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Cuts the backend byte stream at message boundaries and lets through what the driver should see, as
 * slices of the bytes that arrived (rows are never copied or looked into). Which messages are
 * swallowed or captured is decided by {@link ExpectedResponses}; this class only does the framing,
 * including messages and headers split across relay frames.
 */
public final class ResponseFilter {
  private static final int HEADER_LENGTH = 5;

  private final ExpectedResponses expected;
  private final byte[] header = new byte[HEADER_LENGTH];
  private int headerFilled;
  private long bodyRemaining;
  private byte tag;
  private Disposition disposition = Disposition.PASS;
  private ByteArrayOutputStream captured;

  ResponseFilter(ExpectedResponses expected) {
    this.expected = expected;
  }

  /**
   * Takes ownership of {@code in} and returns what the driver should receive from it (possibly nothing);
   * the caller releases the result.
   */
  public ByteBuf filter(ByteBuf in) throws ProtocolException {
    Output out = new Output(in);
    try {
      while (in.isReadable()) {
        if (bodyRemaining > 0) {
          consumeBody(in, out);
        } else {
          consumeHeader(in, out);
        }
      }
      out.flush();
      return out.result;
    } catch (ProtocolException | RuntimeException e) {
      out.result.release();
      throw e;
    } finally {
      in.release();
    }
  }

  private void consumeBody(ByteBuf in, Output out) {
    int start = in.readerIndex();
    int n = (int) Math.min(bodyRemaining, in.readableBytes());
    if (captured != null) {
      captured.write(ByteBufUtil.getBytes(in, start, n, false), 0, n);
    }
    in.skipBytes(n);
    if (disposition.passes()) {
      out.pass(start, n);
    }
    bodyRemaining -= n;
    if (bodyRemaining == 0) {
      finishMessage(out);
    }
  }

  private void consumeHeader(ByteBuf in, Output out) throws ProtocolException {
    int headerStart = in.readerIndex();
    boolean startsHere = headerFilled == 0;
    int n = Math.min(HEADER_LENGTH - headerFilled, in.readableBytes());
    in.readBytes(header, headerFilled, n);
    headerFilled += n;
    if (headerFilled < HEADER_LENGTH) {
      return; // the partial header is held (copied) until its disposition is known
    }
    headerFilled = 0;
    tag = header[0];
    long length = ((header[1] & 0xFFL) << 24) | ((header[2] & 0xFFL) << 16) | ((header[3] & 0xFFL) << 8)
        | (header[4] & 0xFFL);
    if (length < 4) {
      throw new ProtocolException("invalid length " + length + " in backend message '" + (char) tag + "'");
    }
    bodyRemaining = length - 4;
    disposition = expected.onMessageStart(tag);
    if (disposition.captures()) {
      captured = new ByteArrayOutputStream((int) Math.min(length + 1, 1 << 16));
      captured.write(header, 0, HEADER_LENGTH);
    }
    if (disposition.passes()) {
      if (startsHere) {
        out.pass(headerStart, HEADER_LENGTH);
      } else {
        out.add(Unpooled.copiedBuffer(header));
      }
    }
    if (bodyRemaining == 0) {
      finishMessage(out);
    }
  }

  private void finishMessage(Output out) {
    if (captured == null) {
      return;
    }
    byte[] frame = captured.toByteArray();
    captured = null;
    ByteBuf emitted = expected.onCaptured(tag, frame);
    if (emitted != null) {
      out.add(emitted);
    }
  }

  /** The visible bytes of one incoming buffer: retained slices of runs that pass, and messages we add. */
  private static final class Output {
    final CompositeByteBuf result = Unpooled.compositeBuffer(Integer.MAX_VALUE);
    private final ByteBuf in;
    private int runStart = -1;
    private int runEnd = -1;

    Output(ByteBuf in) {
      this.in = in;
    }

    /** The bytes at [start, start + length) of the input pass; adjacent ranges join one slice. */
    void pass(int start, int length) {
      if (runStart >= 0 && runEnd == start) {
        runEnd += length;
        return;
      }
      flush();
      runStart = start;
      runEnd = start + length;
    }

    void add(ByteBuf message) {
      flush();
      result.addComponent(true, message);
    }

    void flush() {
      if (runStart >= 0 && runEnd > runStart) {
        result.addComponent(true, in.retainedSlice(runStart, runEnd - runStart));
      }
      runStart = -1;
      runEnd = -1;
    }
  }
}
