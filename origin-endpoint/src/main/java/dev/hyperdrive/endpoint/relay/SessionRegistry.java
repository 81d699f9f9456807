package dev.hyperdrive.endpoint.relay;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The open relay sessions by database and session id, so a Cancel RPC finds the one it names. */
final class SessionRegistry {
  private final ConcurrentMap<String, RelaySession> sessions = new ConcurrentHashMap<>();

  /** False when a session with this id is already open (the newcomer is not cancellable). */
  boolean register(String database, String sessionId, RelaySession session) {
    return sessions.putIfAbsent(key(database, sessionId), session) == null;
  }

  void unregister(String database, String sessionId, RelaySession session) {
    sessions.remove(key(database, sessionId), session);
  }

  Optional<RelaySession> find(String database, String sessionId) {
    return Optional.ofNullable(sessions.get(key(database, sessionId)));
  }

  int size() {
    return sessions.size();
  }

  private static String key(String database, String sessionId) {
    return database + '\u0000' + sessionId;
  }
}
