package dev.hyperdrive.it;

import dev.hyperdrive.auth.ClientAuthenticator;
import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.backend.BackendDecoder;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.frontend.StartupMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A protocol-level client for tests that must send exact message sequences (Parse, Describe, Flush)
 * the way a particular driver does, and see every backend message that comes back.
 */
final class RawSession implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private List<BackendMessage> startup = List.of();

  private RawSession(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects through the edge with the stack's credentials (SCRAM), up to the first ReadyForQuery. */
  static RawSession connect(RelayStack stack) throws Exception {
    return connect(stack.edgePort(), RelayStack.USER, RelayStack.PASSWORD, RelayStack.DATABASE);
  }

  /** Connects straight to PostgreSQL with the origin's own credentials, as the endpoint does. */
  static RawSession connectOrigin(EmbeddedOrigin origin) throws Exception {
    return connect(origin.port(), origin.user(), origin.password(), origin.database());
  }

  private static RawSession connect(int port, String user, String password, String database) throws Exception {
    RawSession session = new RawSession(new Socket("127.0.0.1", port));
    session.socket.setSoTimeout(30_000);
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("user", user);
    parameters.put("database", database);
    session.send(new StartupMessage(StartupMessage.PROTOCOL_3_0, parameters));
    ClientAuthenticator authenticator = new ClientAuthenticator(user, password);
    while (!authenticator.isAuthenticated()) {
      Optional<? extends PgMessage> reply = authenticator.receive(session.next());
      if (reply.isPresent()) {
        session.send(reply.get());
      }
    }
    session.startup = session.untilReady();
    return session;
  }

  /** What the server sent after authentication, up to the first ReadyForQuery. */
  List<BackendMessage> startup() {
    return startup;
  }

  void send(PgMessage... messages) throws IOException {
    ByteBuf buffer = Unpooled.buffer();
    try {
      for (PgMessage message : messages) {
        message.encode(buffer);
      }
      out.write(ByteBufUtil.getBytes(buffer));
      out.flush();
    } finally {
      buffer.release();
    }
  }

  /** The next backend message. */
  BackendMessage next() throws Exception {
    byte tag = in.readByte();
    int length = in.readInt();
    byte[] body = new byte[length - 4];
    in.readFully(body);
    ByteBuf frame = Unpooled.buffer(1 + length).writeByte(tag).writeInt(length).writeBytes(body);
    try {
      return BackendDecoder.decode(frame);
    } finally {
      frame.release();
    }
  }

  /** The next {@code count} messages, each within {@code within}; a timeout fails the test. */
  List<BackendMessage> next(int count, Duration within) throws Exception {
    int previous = socket.getSoTimeout();
    socket.setSoTimeout((int) within.toMillis());
    try {
      List<BackendMessage> messages = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        messages.add(next());
      }
      return messages;
    } finally {
      socket.setSoTimeout(previous);
    }
  }

  /** Messages up to and including ReadyForQuery. */
  List<BackendMessage> untilReady() throws Exception {
    List<BackendMessage> messages = new ArrayList<>();
    BackendMessage message;
    do {
      message = next();
      if (message instanceof ErrorResponse error && error.isFatal()) {
        throw new AssertionError("session ended: " + error);
      }
      messages.add(message);
    } while (!(message instanceof ReadyForQuery));
    return messages;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
