package dev.hyperdrive.endpoint.prepared;

import dev.hyperdrive.wire.Frames;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.ParseComplete;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.frontend.FrontendDecoder;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.StatementKey;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Answers, without an origin connection, a batch of named Parses ended by Sync when the origin has
 * accepted every one of those statements before (from any session): PostgreSQL would answer ParseComplete
 * to each, and the real Parse is replayed on whichever connection runs the first Bind. pgbench
 * {@code -M prepared} prepares this way, synchronously, from one thread that also drives clients holding
 * every pooled connection inside transactions; needing a connection to answer would deadlock it.
 */
final class ParseOnlyBatch {
  private ParseOnlyBatch() {}

  /** The answers, with the client's names defined; null (nothing changed) when the origin must be asked. */
  static List<BackendMessage> answer(List<ByteBuf> frames, ClientStatements client, ServerStatementNames names) {
    List<Parse> parses = parses(frames);
    if (parses == null) {
      return null;
    }
    Set<String> namesInBatch = new HashSet<>();
    for (Parse parse : parses) {
      boolean answerable = !parse.statement().isEmpty() && namesInBatch.add(parse.statement())
          && !client.defines(parse.statement())
          && names.knownValid(new StatementKey(parse.query(), parse.parameterTypes()));
      if (!answerable) {
        return null;
      }
    }
    List<BackendMessage> answers = new ArrayList<>(parses.size() + 1);
    for (Parse parse : parses) {
      client.define(parse.statement(), new StatementKey(parse.query(), parse.parameterTypes()));
      answers.add(ParseComplete.INSTANCE);
    }
    answers.add(ReadyForQuery.IDLE);
    return answers;
  }

  /** The Parses of a batch that is Parse..., Sync and nothing else; null otherwise. */
  private static List<Parse> parses(List<ByteBuf> frames) {
    int last = frames.size() - 1;
    if (last < 1 || Frames.tag(frames.get(last)) != 'S') {
      return null;
    }
    List<Parse> parses = new ArrayList<>(last);
    for (ByteBuf frame : frames.subList(0, last)) {
      if (Frames.tag(frame) != Parse.TAG) {
        return null;
      }
      try {
        FrontendMessage message = FrontendDecoder.decode(frame.duplicate());
        parses.add((Parse) message);
      } catch (ProtocolException e) {
        return null; // let the origin reject it
      }
    }
    return parses;
  }
}
