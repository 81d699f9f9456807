package dev.hyperdrive.wire.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** What a client sends on one connection, generated and encoded with the position of every frame. */
final class FrontendSessions {
  private FrontendSessions() {}

  /** The bytes of a session and where each frame starts, so mutations can aim at headers. */
  record Encoded(byte[] bytes, List<Integer> frameStarts, List<Boolean> untagged) {}

  /**
   * Encryption requests (rarely), then a StartupMessage and tagged messages, or a lone CancelRequest:
   * the shapes of real connections.
   */
  static Arbitrary<List<FrontendMessage>> sessions() {
    Arbitrary<List<FrontendMessage>> encryption = FrontendArbitraries.encryptionRequest().list().ofMaxSize(2);
    Arbitrary<List<FrontendMessage>> handshake = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.just(List.<FrontendMessage>of())), net.jqwik.api.Tuple.of(1, encryption));
    Arbitrary<List<FrontendMessage>> query = Combinators.combine(
            handshake, FrontendArbitraries.startupMessage(), FrontendArbitraries.tagged().list().ofMaxSize(8))
        .as((prefix, startup, tagged) -> {
          List<FrontendMessage> session = new ArrayList<>(prefix);
          session.add(startup);
          session.addAll(tagged);
          return session;
        });
    Arbitrary<List<FrontendMessage>> cancel = FrontendArbitraries.cancelRequest().map(List::of);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, query), net.jqwik.api.Tuple.of(1, cancel));
  }

  static Encoded encode(List<FrontendMessage> session) {
    ByteBuf out = Unpooled.buffer();
    try {
      List<Integer> starts = new ArrayList<>();
      List<Boolean> untagged = new ArrayList<>();
      for (FrontendMessage message : session) {
        starts.add(out.writerIndex());
        untagged.add(FrontendArbitraries.isStartupPhase(message));
        message.encode(out);
      }
      return new Encoded(ByteBufUtil.getBytes(out), starts, untagged);
    } finally {
      out.release();
    }
  }
}
