package dev.hyperdrive.endpoint.prepared;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one origin connection holds, across checkouts (PgDog's per-server cache): the server-side
 * statements prepared on it, least recently used first, and whose unnamed statement it has. A statement
 * is <em>pending</em> from the moment its Parse is sent until ParseComplete arrives; only statements known
 * to exist are evicted, so an eviction never races the Parse it would undo.
 *
 * <p>Used by whichever session holds the connection's checkout; the pool's hand-over orders those uses.
 */
public final class ConnectionStatements {
  /** Server name to whether the origin has confirmed it; access order makes the eldest the LRU. */
  private final LinkedHashMap<String, Boolean> held = new LinkedHashMap<>(16, 0.75f, true);
  private UnnamedStatement unnamedOwner;

  /** Whether the statement is on the connection (or on its way); counts as a use for LRU order. */
  boolean holds(String serverName) {
    return held.get(serverName) != null;
  }

  void preparing(String serverName) {
    held.put(serverName, Boolean.FALSE);
  }

  void prepared(String serverName) {
    held.put(serverName, Boolean.TRUE);
  }

  void forget(String serverName) {
    held.remove(serverName);
  }

  /**
   * Removes least recently used confirmed statements until one more fits under {@code capacity};
   * returns their names, for which the caller must send Close.
   */
  List<String> evictToFitOneMore(int capacity) {
    List<String> evicted = new ArrayList<>();
    Iterator<Map.Entry<String, Boolean>> eldestFirst = held.entrySet().iterator();
    while (held.size() >= capacity && eldestFirst.hasNext()) {
      Map.Entry<String, Boolean> entry = eldestFirst.next();
      if (entry.getValue()) {
        evicted.add(entry.getKey());
        eldestFirst.remove();
      }
    }
    return evicted;
  }

  /** DEALLOCATE ALL or DISCARD ALL ran on the connection: every confirmed statement is gone. */
  void forgetAllPrepared() {
    held.values().removeIf(Boolean::booleanValue);
  }

  int size() {
    return held.size();
  }

  UnnamedStatement unnamedOwner() {
    return unnamedOwner;
  }

  void unnamedOwner(UnnamedStatement owner) {
    unnamedOwner = owner;
  }
}
