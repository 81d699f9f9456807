package dev.hyperdrive.auth;

import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.backend.BackendDecoder;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.frontend.FrontendDecoder;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Runs a login between our two halves, every message going through its wire bytes and the real decoders,
 * as it would between the endpoint and the edge.
 */
final class LoginConversation {
  private LoginConversation() {}

  /** Runs until the client is authenticated; an AuthenticationException from either half escapes. */
  static void run(ServerAuthenticator server, ClientAuthenticator client) throws Exception {
    Deque<BackendMessage> toClient = new ArrayDeque<>();
    toClient.add(throughBytes(server.start()));
    while (!toClient.isEmpty()) {
      Optional<FrontendMessage> answer = client.receive(toClient.poll());
      if (answer.isPresent()) {
        FrontendMessage received = throughBytes(answer.get(), server);
        for (BackendMessage reply : server.receive(received)) {
          toClient.add(throughBytes(reply));
        }
      }
    }
  }

  static BackendMessage throughBytes(BackendMessage message) throws ProtocolException {
    ByteBuf frame = encode(message);
    try {
      return BackendDecoder.decode(frame);
    } finally {
      frame.release();
    }
  }

  private static FrontendMessage throughBytes(FrontendMessage message, ServerAuthenticator server)
      throws ProtocolException {
    ByteBuf frame = encode(message);
    try {
      return FrontendDecoder.decode(frame, server.expectedResponse());
    } finally {
      frame.release();
    }
  }

  private static ByteBuf encode(PgMessage message) {
    ByteBuf frame = Unpooled.buffer();
    message.encode(frame);
    return frame;
  }
}
