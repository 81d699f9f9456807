package dev.hyperdrive.placement;

import dev.hyperdrive.placement.store.DatabaseStore;
import dev.hyperdrive.proto.placement.Ranking;
import dev.hyperdrive.proto.placement.StoredDatabase;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The databases placement knows, over a {@link DatabaseStore}: stamps revisions and times on every
 * write, retries compare-and-set races, and tells subscribers (edge and endpoint watches) after
 * every change. The catalog {@link #version()} starts at the start-up time in milliseconds and
 * counts changes, so it differs from any version a previous run of this process handed out in
 * practice; callers compare it for equality only.
 */
public final class Registry {

  private final DatabaseStore store;
  private final Clock clock;
  private final AtomicLong version;
  private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();

  public Registry(DatabaseStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.version = new AtomicLong(clock.millis());
  }

  public long version() {
    return version.get();
  }

  public List<StoredDatabase> list() {
    return store.list();
  }

  public Optional<StoredDatabase> get(String name) {
    return store.get(name);
  }

  /** Saves a new database at revision 1; {@code false} if the name is taken. */
  public boolean create(StoredDatabase database) {
    var now = ProtoTime.of(clock.instant());
    boolean created = store.create(database.toBuilder()
        .setRevision(1)
        .setOriginRevision(1)
        .setCreatedAt(now)
        .setUpdatedAt(now)
        .build());
    if (created) {
      changed();
    }
    return created;
  }

  /** Applies {@code change} to the current record; empty if there is no such database. */
  public Optional<StoredDatabase> update(String name, UnaryOperator<StoredDatabase.Builder> change) {
    while (true) {
      Optional<StoredDatabase> current = store.get(name);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      StoredDatabase before = current.get();
      StoredDatabase next = change.apply(before.toBuilder())
          .setName(name)
          .setRevision(before.getRevision() + 1)
          .setUpdatedAt(ProtoTime.of(clock.instant()))
          .build();
      if (store.replace(next, before.getRevision())) {
        changed();
        return Optional.of(next);
      }
    }
  }

  /**
   * Saves a run's ranking unless the database was deleted or its origin changed since the run
   * started (the measurement would describe another origin). Not an update for {@code updated_at}.
   */
  public boolean saveRanking(String name, long originRevision, Ranking ranking) {
    while (true) {
      Optional<StoredDatabase> current = store.get(name);
      if (current.isEmpty() || current.get().getOriginRevision() != originRevision) {
        return false;
      }
      StoredDatabase before = current.get();
      StoredDatabase next = before.toBuilder().setRanking(ranking).setRevision(before.getRevision() + 1).build();
      if (store.replace(next, before.getRevision())) {
        changed();
        return true;
      }
    }
  }

  public boolean delete(String name) {
    boolean deleted = store.delete(name);
    if (deleted) {
      changed();
    }
    return deleted;
  }

  /** Runs {@code subscriber} after every change, on the changing thread; returns the unsubscribe. */
  public Runnable subscribe(Runnable subscriber) {
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
  }

  private void changed() {
    version.incrementAndGet();
    subscribers.forEach(Runnable::run);
  }
}
