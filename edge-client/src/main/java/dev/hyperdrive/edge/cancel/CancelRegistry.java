package dev.hyperdrive.edge.cancel;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The BackendKeyData the edge issued to live sessions. Keys are random (a guessed key must not cancel
 * someone else's query) and the processId is unique among live sessions, as a PostgreSQL pid is.
 */
public final class CancelRegistry {
  private record Entry(int secretKey, CancelTarget target) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<Integer, Entry> byProcessId = new ConcurrentHashMap<>();

  /** Issues a fresh key for a session and remembers it until {@link #release}. */
  public BackendKey register(CancelTarget target) {
    while (true) {
      // Positive, like a pid: some drivers print it and a few treat it as unsigned.
      int processId = 1 + random.nextInt(Integer.MAX_VALUE - 1);
      int secretKey = random.nextInt();
      if (byProcessId.putIfAbsent(processId, new Entry(secretKey, target)) == null) {
        return new BackendKey(processId, secretKey);
      }
    }
  }

  public void release(BackendKey key) {
    byProcessId.computeIfPresent(key.processId(),
        (pid, entry) -> entry.secretKey() == key.secretKey() ? null : entry);
  }

  /** The session a CancelRequest names, if both halves of the key match a live session. */
  public Optional<CancelTarget> lookup(int processId, int secretKey) {
    Entry entry = byProcessId.get(processId);
    if (entry == null || entry.secretKey() != secretKey) {
      return Optional.empty();
    }
    return Optional.of(entry.target());
  }

  public int size() {
    return byProcessId.size();
  }
}
