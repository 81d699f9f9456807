package dev.hyperdrive.edge.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The sessions connected to this edge, so shutdown can reach each of them, and how the ended ones ended. */
public final class LiveSessions {
  private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
  private final SessionOutcomes outcomes = new SessionOutcomes();

  void add(ClientSession session) {
    sessions.add(session);
  }

  void remove(ClientSession session) {
    sessions.remove(session);
  }

  public int count() {
    return sessions.size();
  }

  public SessionOutcomes outcomes() {
    return outcomes;
  }

  /** Asks every session to end at its next idle point (between transactions). */
  public void drain() {
    sessions.forEach(ClientSession::drain);
  }

  /** Ends every session still open now, with 57P01 admin_shutdown. */
  public void terminateAll() {
    sessions.forEach(ClientSession::terminateNow);
  }
}
