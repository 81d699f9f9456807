package dev.hyperdrive.edge.statements;

import dev.hyperdrive.wire.Frames;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import dev.hyperdrive.wire.frontend.Close;
import dev.hyperdrive.wire.frontend.Describe;
import dev.hyperdrive.wire.frontend.FrontendDecoder;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * One whole frontend frame inside a batch, read only as far as statement handling needs: Bind's
 * parameter values are never copied. Reading does not move the batch's reader index.
 */
record RequestFrame(byte tag, ByteBuf frame) {
  /** The frames of a batch, in order (views of {@code frames}, valid while it is). */
  static List<RequestFrame> split(ByteBuf frames) {
    List<RequestFrame> result = new ArrayList<>();
    int index = frames.readerIndex();
    while (index < frames.writerIndex()) {
      int length = frames.getInt(index + 1);
      result.add(new RequestFrame(frames.getByte(index), frames.slice(index, 1 + length)));
      index += 1 + length;
    }
    return result;
  }

  Parse parse() throws ProtocolException {
    return (Parse) FrontendDecoder.decode(frame.duplicate());
  }

  Describe describe() throws ProtocolException {
    return (Describe) FrontendDecoder.decode(frame.duplicate());
  }

  Close close() throws ProtocolException {
    return (Close) FrontendDecoder.decode(frame.duplicate());
  }

  String queryText() throws ProtocolException {
    return ((Query) FrontendDecoder.decode(frame.duplicate())).sql();
  }

  /** The statement a Bind binds (its second field, after the portal name). */
  String boundStatement() throws ProtocolException {
    ByteBuf body = frame.duplicate().skipBytes(Wire.HEADER_LENGTH);
    Wire.readCString(body);
    return Wire.readCString(body);
  }

  @Override
  public String toString() {
    return "RequestFrame[" + Frames.describeTag(tag) + ", " + frame.readableBytes() + " bytes]";
  }
}
