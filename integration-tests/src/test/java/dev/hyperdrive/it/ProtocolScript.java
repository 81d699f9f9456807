package dev.hyperdrive.it;

import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.backend.BackendMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays one scripted protocol conversation between several named clients and one server (PostgreSQL
 * itself, or the edge), one step at a time on one thread, and keeps the transcript of what each client
 * was told. Two transcripts of the same script are what the differential test compares.
 */
final class ProtocolScript implements AutoCloseable {
  /** Opens one more client session against the server under test. */
  @FunctionalInterface
  interface Opener {
    RawSession open() throws Exception;
  }

  /** A conversation, written once and played against each server. */
  @FunctionalInterface
  interface Scenario {
    void play(ProtocolScript script) throws Exception;
  }

  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(20);

  private final Opener opener;
  private final Map<String, RawSession> clients = new LinkedHashMap<>();
  private final List<String> transcript = new ArrayList<>();

  private ProtocolScript(Opener opener) {
    this.opener = opener;
  }

  /** The transcript of {@code scenario} played against the server {@code opener} connects to. */
  static List<String> transcript(Opener opener, Scenario scenario) throws Exception {
    try (ProtocolScript script = new ProtocolScript(opener)) {
      scenario.play(script);
      return List.copyOf(script.transcript);
    }
  }

  /** {@code client} sends {@code frames} and reads everything up to ReadyForQuery. */
  void step(String client, String why, PgMessage... frames) throws Exception {
    RawSession session = client(client);
    session.send(frames);
    record(client, why, session.untilReady());
  }

  /** {@code client} sends {@code frames} and reads exactly {@code replies} messages (after Flush, or into COPY). */
  void step(String client, String why, int replies, PgMessage... frames) throws Exception {
    RawSession session = client(client);
    session.send(frames);
    record(client, why, session.next(replies, STEP_TIMEOUT));
  }

  private RawSession client(String name) throws Exception {
    RawSession session = clients.get(name);
    if (session == null) {
      session = opener.open();
      clients.put(name, session);
      record(name, "connects", List.of());
    }
    return session;
  }

  private void record(String client, String why, List<BackendMessage> messages) {
    transcript.add(client + ": " + why + " -> " + DriverVisible.render(messages));
  }

  @Override
  public void close() throws Exception {
    for (RawSession session : clients.values()) {
      session.close();
    }
  }
}
