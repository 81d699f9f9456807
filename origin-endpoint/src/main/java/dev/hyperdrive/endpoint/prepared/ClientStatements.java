package dev.hyperdrive.endpoint.prepared;

import dev.hyperdrive.wire.frontend.StatementKey;
import java.util.HashMap;
import java.util.Map;

/**
 * The prepared statements one client session believes it has, as PostgreSQL would keep them for it:
 * its own names (two sessions may use one name for different SQL) mapped to what they mean, plus its
 * latest unnamed statement. Used on the session's loop only.
 */
final class ClientStatements {
  /** One client name's meaning; {@code generation} orders definitions, for DEALLOCATE ALL in a pipeline. */
  record Definition(StatementKey key, long generation) {}

  private final Map<String, Definition> byName = new HashMap<>();
  private long generation;
  private UnnamedStatement unnamed;

  StatementKey lookup(String name) {
    Definition definition = byName.get(name);
    return definition == null ? null : definition.key();
  }

  boolean defines(String name) {
    return byName.containsKey(name);
  }

  void define(String name, StatementKey key) {
    byName.put(name, new Definition(key, ++generation));
  }

  /** Removes {@code name}; returns what it meant (null if nothing), so a skipped Close can restore it. */
  Definition undefine(String name) {
    return byName.remove(name);
  }

  void restore(String name, Definition definition) {
    byName.putIfAbsent(name, definition);
  }

  /** Forgets {@code name} only while it still has the definition made at {@code generation}. */
  void undefine(String name, long definedAt) {
    Definition current = byName.get(name);
    if (current != null && current.generation() == definedAt) {
      byName.remove(name);
    }
  }

  /** The generation of the newest definition so far. */
  long generation() {
    return generation;
  }

  /** DEALLOCATE ALL or DISCARD ALL completed: forgets what was defined before it was sent. */
  void forgetDefinedUpTo(long sentAtGeneration) {
    byName.values().removeIf(definition -> definition.generation() <= sentAtGeneration);
  }

  int size() {
    return byName.size();
  }

  UnnamedStatement unnamed() {
    return unnamed;
  }

  void unnamed(UnnamedStatement statement) {
    unnamed = statement;
  }

  /** The unnamed Parse failed, or a simple Query replaced it (PostgreSQL drops it then). */
  void forgetUnnamed(UnnamedStatement statement) {
    if (unnamed == statement) {
      unnamed = null;
    }
  }
}
