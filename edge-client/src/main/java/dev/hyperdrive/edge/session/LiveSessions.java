package dev.hyperdrive.edge.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The sessions connected to this edge, so shutdown can reach each of them. */
public final class LiveSessions {
  private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();

  void add(ClientSession session) {
    sessions.add(session);
  }

  void remove(ClientSession session) {
    sessions.remove(session);
  }

  public int count() {
    return sessions.size();
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
