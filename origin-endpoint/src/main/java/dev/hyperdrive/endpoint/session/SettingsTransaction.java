package dev.hyperdrive.endpoint.session;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds the setting changes of the transaction in progress until PostgreSQL decides their fate, exactly
 * as its GUC machinery does: a session SET inside a transaction persists after COMMIT, is undone by
 * ROLLBACK, and by ROLLBACK TO a savepoint taken before it; RELEASE folds a savepoint's changes into the
 * enclosing level. Outside a transaction block each statement (or a multi-statement Query, or the
 * statements up to a Sync) runs in an implicit transaction: its changes hold only if it ends without
 * error. SET LOCAL never reaches here. Pure logic, driven by {@link ExecutionQueue}.
 */
final class SettingsTransaction {
  /** One savepoint level; the outermost (index 0) is the transaction itself and has no name. */
  private static final class Level {
    final String savepoint;
    final List<SettingChange> changes = new ArrayList<>();

    Level(String savepoint) {
      this.savepoint = savepoint;
    }
  }

  private final List<Level> levels = new ArrayList<>();

  /**
   * A statement completed with {@code tag}; returns the changes this made permanent (a COMMIT's), or an
   * empty list.
   */
  List<SettingChange> completed(SessionCommand command, String tag) {
    if (command instanceof SessionCommand.ChangesSettings) {
      top().changes.addAll(((SessionCommand.ChangesSettings) command).changes());
    } else if (command instanceof SessionCommand.Begin) {
      top();
    } else if (command instanceof SessionCommand.Commit) {
      return "ROLLBACK".equals(tag) ? discard() : commit(); // COMMIT of a failed transaction rolls back
    } else if (command instanceof SessionCommand.Rollback) {
      return discard();
    } else if (command instanceof SessionCommand.Savepoint) {
      top();
      levels.add(new Level(((SessionCommand.Savepoint) command).name()));
    } else if (command instanceof SessionCommand.ReleaseSavepoint) {
      release(((SessionCommand.ReleaseSavepoint) command).name());
    } else if (command instanceof SessionCommand.RollbackToSavepoint) {
      rollbackTo(((SessionCommand.RollbackToSavepoint) command).name());
    }
    return List.of();
  }

  /**
   * ReadyForQuery ended a Query or a Sync. Idle means no transaction is open any more: an implicit one
   * committed, unless an error rolled it back. In or failed means an explicit transaction goes on.
   */
  List<SettingChange> readyForQuery(boolean idle, boolean errorSinceLastReady) {
    if (!idle) {
      return List.of();
    }
    return errorSinceLastReady ? discard() : commit();
  }

  boolean isEmpty() {
    return levels.isEmpty();
  }

  /** Forget everything pending (the connection is being rolled back or discarded). */
  void clear() {
    levels.clear();
  }

  private Level top() {
    if (levels.isEmpty()) {
      levels.add(new Level(null));
    }
    return levels.get(levels.size() - 1);
  }

  private List<SettingChange> commit() {
    List<SettingChange> committed = new ArrayList<>();
    for (Level level : levels) {
      committed.addAll(level.changes);
    }
    levels.clear();
    return committed;
  }

  private List<SettingChange> discard() {
    levels.clear();
    return List.of();
  }

  private void release(String savepoint) {
    int at = find(savepoint);
    if (at <= 0) {
      return; // no such savepoint: the origin says so, and nothing changes
    }
    Level into = levels.get(at - 1);
    while (levels.size() > at) {
      into.changes.addAll(levels.remove(at).changes);
    }
  }

  private void rollbackTo(String savepoint) {
    int at = find(savepoint);
    if (at <= 0) {
      return;
    }
    while (levels.size() > at + 1) {
      levels.remove(levels.size() - 1);
    }
    levels.get(at).changes.clear(); // the savepoint itself survives ROLLBACK TO
  }

  /** The innermost level with this savepoint name (PostgreSQL picks the most recent of equal names). */
  private int find(String savepoint) {
    for (int i = levels.size() - 1; i > 0; i--) {
      if (savepoint.equals(levels.get(i).savepoint)) {
        return i;
      }
    }
    return -1;
  }
}
