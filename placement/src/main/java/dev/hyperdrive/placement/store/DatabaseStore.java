package dev.hyperdrive.placement.store;

import dev.hyperdrive.proto.placement.StoredDatabase;
import java.util.List;
import java.util.Optional;

/**
 * The durable registry of databases: what placement must never lose. One record per database name.
 * Writes are compare-and-set on {@link StoredDatabase#getRevision()} so that a replicated store can
 * take over from the embedded {@link FileDatabaseStore} without changing its callers: a write that
 * lost a race returns {@code false} and the caller re-reads.
 *
 * <p>Every method either completes durably or throws {@link StoreException}; a record is never seen
 * half-written.
 */
public interface DatabaseStore extends AutoCloseable {

  /** Every record, ordered by name. */
  List<StoredDatabase> list();

  Optional<StoredDatabase> get(String name);

  /** Saves a record under a new name; {@code false} (and nothing saved) if the name is taken. */
  boolean create(StoredDatabase record);

  /**
   * Replaces the record of {@code next.getName()} if its revision is still {@code expectedRevision};
   * {@code false} (and nothing saved) if it changed or no longer exists.
   */
  boolean replace(StoredDatabase next, long expectedRevision);

  /** Removes the record; {@code false} if there was none. */
  boolean delete(String name);

  @Override
  void close();
}
