package dev.hyperdrive.edge;

import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.backend.AuthenticationCleartextPassword;
import dev.hyperdrive.wire.backend.BackendDecoder;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.frontend.PasswordMessage;
import dev.hyperdrive.wire.frontend.StartupMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A byte-level PostgreSQL client for tests that need exact control of what reaches the edge (garbage,
 * pipelined batches, cancel packets) or must read a huge result without buffering it, which no real
 * driver offers.
 */
final class RawPgClient implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  RawPgClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(30_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** Startup and cleartext password; returns once ReadyForQuery arrived. */
  static RawPgClient connectCleartext(int port, String user, String database, String password) throws Exception {
    RawPgClient client = new RawPgClient(port);
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("user", user);
    parameters.put("database", database);
    parameters.put("application_name", "raw-test");
    client.send(new StartupMessage(StartupMessage.PROTOCOL_3_0, parameters));
    BackendMessage request = client.readMessage();
    if (request == AuthenticationCleartextPassword.INSTANCE) {
      client.send(new PasswordMessage(password));
    } else {
      throw new AssertionError("expected a cleartext password request, got " + request);
    }
    client.readUntil('Z');
    return client;
  }

  void send(PgMessage... messages) throws IOException {
    ByteBuf buffer = Unpooled.buffer();
    try {
      for (PgMessage message : messages) {
        message.encode(buffer);
      }
      sendRaw(ByteBufUtil.getBytes(buffer));
    } finally {
      buffer.release();
    }
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  int readByte() throws IOException {
    return in.read();
  }

  /** The next whole backend message, decoded. */
  BackendMessage readMessage() throws IOException, ProtocolException {
    byte tag = in.readByte();
    int length = in.readInt();
    byte[] body = new byte[length - 4];
    in.readFully(body);
    ByteBuf frame = Unpooled.buffer(1 + length);
    frame.writeByte(tag).writeInt(length).writeBytes(body);
    try {
      return BackendDecoder.decode(frame);
    } finally {
      frame.release();
    }
  }

  /** Reads messages up to and including the first with {@code tag}, counting the bytes it skipped. */
  long readUntil(char tag) throws IOException {
    long bytes = 0;
    byte[] skip = new byte[64 * 1024];
    while (true) {
      byte current = in.readByte();
      int length = in.readInt();
      bytes += 1 + length;
      int remaining = length - 4;
      while (remaining > 0) {
        int n = in.read(skip, 0, Math.min(skip.length, remaining));
        if (n < 0) {
          throw new EOFException();
        }
        remaining -= n;
      }
      if (current == tag) {
        return bytes;
      }
    }
  }

  /** True when the edge closed the connection (read returns end of stream). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (java.net.SocketException reset) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
