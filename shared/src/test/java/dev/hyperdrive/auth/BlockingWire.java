package dev.hyperdrive.auth;

import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.backend.BackendDecoder;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.frontend.AuthResponseKind;
import dev.hyperdrive.wire.frontend.FrontendDecoder;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * The PostgreSQL protocol over a plain blocking socket, with our codec: the smallest client or server a
 * test needs to talk to PostgreSQL or to a driver.
 */
final class BlockingWire implements AutoCloseable {
  /** Generous for a login, small enough that a broken length cannot exhaust memory. */
  private static final int MAX_FRAME = 1 << 20;

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  BlockingWire(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(10_000);
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  void send(PgMessage message) throws IOException {
    ByteBuf frame = Unpooled.buffer();
    try {
      message.encode(frame);
      frame.readBytes(out, frame.readableBytes());
      out.flush();
    } finally {
      frame.release();
    }
  }

  /** Sends one raw byte, as a server answers SSLRequest with 'N'. */
  void sendByte(int value) throws IOException {
    out.write(value);
    out.flush();
  }

  BackendMessage receiveBackend() throws IOException, ProtocolException {
    ByteBuf frame = readTagged();
    try {
      return BackendDecoder.decode(frame);
    } finally {
      frame.release();
    }
  }

  FrontendMessage receiveFrontend(AuthResponseKind kind) throws IOException, ProtocolException {
    ByteBuf frame = readTagged();
    try {
      return FrontendDecoder.decode(frame, kind);
    } finally {
      frame.release();
    }
  }

  /** An untagged startup-phase packet: StartupMessage, SSLRequest, GSSENCRequest or CancelRequest. */
  FrontendMessage receiveStartup() throws IOException, ProtocolException {
    int length = in.readInt();
    ByteBuf frame = Unpooled.buffer();
    try {
      frame.writeInt(length);
      frame.writeBytes(readBody(length));
      return FrontendDecoder.decodeStartup(frame);
    } finally {
      frame.release();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private ByteBuf readTagged() throws IOException, ProtocolException {
    byte tag = in.readByte();
    int length = in.readInt();
    ByteBuf frame = Unpooled.buffer();
    frame.writeByte(tag);
    frame.writeInt(length);
    try {
      frame.writeBytes(readBody(length));
    } catch (IOException | ProtocolException | RuntimeException e) {
      frame.release();
      throw e;
    }
    return frame;
  }

  private byte[] readBody(int length) throws IOException, ProtocolException {
    if (length < 4 || length > MAX_FRAME) {
      throw new ProtocolException("frame length " + length + " out of range in test");
    }
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return body;
  }
}
