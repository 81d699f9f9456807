package dev.hyperdrive.endpoint.prepared;

import dev.hyperdrive.endpoint.origin.OriginConnection;
import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.backend.BackendMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protocol-level prepared statements for one relay session across pooled connections: applies the
 * {@link ReplayPlanner}'s decisions to the driver's frames on their way to the origin, and judges the
 * origin's frames on their way back with the {@link ResponseQueue}. Used on the session's loop only.
 */
public final class SessionStatements {
  private static final Logger log = LoggerFactory.getLogger(SessionStatements.class);

  private final ClientStatements client = new ClientStatements();
  private final ServerStatementNames names;
  private final ReplayPlanner planner;
  private final ResponseQueue responses = new ResponseQueue();

  public SessionStatements(ServerStatementNames names, int maxPreparedStatements) {
    this.names = names;
    this.planner = new ReplayPlanner(client, names, maxPreparedStatements);
  }

  /**
   * For a batch arriving while the session holds no connection: the answers when it is only Parses of
   * statements the origin has accepted before, plus Sync (see {@link ParseOnlyBatch}); else null.
   */
  public List<BackendMessage> answerWithoutOrigin(List<ByteBuf> frames) {
    return ParseOnlyBatch.answer(frames, client, names);
  }

  /** A checkout begins: nothing is owed on the new connection. */
  public void checkoutStarted() {
    responses.clear();
  }

  /** What to write to {@code connection} for the driver's {@code frames}; takes them, returns owned frames. */
  public List<ByteBuf> toOrigin(List<ByteBuf> frames, OriginConnection connection) {
    ConnectionStatements held = connection.relayState(ConnectionStatements.class, ConnectionStatements::new);
    List<ByteBuf> out = new ArrayList<>(frames.size() + 2);
    for (ByteBuf frame : frames) {
      ReplayDecision decision;
      try {
        decision = planner.plan(frame, held);
      } catch (ProtocolException e) {
        // Malformed inside a well-framed message: the origin rejects it with the right error itself.
        log.debug("forwarding a frame the relay cannot read: {}", e.getMessage());
        decision = new ReplayDecision.Forward(null);
      }
      apply(decision, frame, out);
    }
    return out;
  }

  /** What becomes of one origin frame on its way to the driver. */
  public ResponseVerdict judge(ByteBuf frame) {
    return responses.judge(frame);
  }

  private void apply(ReplayDecision decision, ByteBuf original, List<ByteBuf> out) {
    if (decision instanceof ReplayDecision.Forward forward) {
      expect(forward.expected());
      out.add(original);
    } else if (decision instanceof ReplayDecision.Rewrite rewrite) {
      expect(rewrite.expected());
      out.add(encode(rewrite.replacement()));
      original.release();
    } else {
      ReplayDecision.Prepend prepend = (ReplayDecision.Prepend) decision;
      for (ReplayDecision.Injected injected : prepend.injected()) {
        expect(injected.expected());
        out.add(encode(injected.message()));
      }
      apply(prepend.then(), original, out);
    }
  }

  private void expect(ExpectedResponse expected) {
    if (expected != null) {
      responses.expect(expected);
    }
  }

  private static ByteBuf encode(PgMessage message) {
    ByteBuf buffer = Unpooled.buffer();
    message.encode(buffer);
    return buffer;
  }
}
