package dev.hyperdrive.endpoint.session;

import java.util.List;
import java.util.Objects;

/**
 * What one SQL statement means for session state: a setting change, transaction control, or nothing.
 * Whether it took effect is decided later, from the origin's answer (see {@link SettingsTransaction}).
 */
public sealed interface SessionCommand {

  /** Statements with no effect on settings or transactions (almost all of them). */
  enum Other implements SessionCommand { INSTANCE }

  /** SET, RESET, DISCARD ALL, SET SESSION CHARACTERISTICS, set_config(..., false). */
  record ChangesSettings(List<SettingChange> changes) implements SessionCommand {
    public ChangesSettings {
      changes = List.copyOf(changes);
    }
  }

  /** BEGIN / START TRANSACTION. */
  enum Begin implements SessionCommand { INSTANCE }

  /** COMMIT / END / PREPARE TRANSACTION; the origin's tag says whether it committed or rolled back. */
  enum Commit implements SessionCommand { INSTANCE }

  /** ROLLBACK / ABORT (not ROLLBACK TO). */
  enum Rollback implements SessionCommand { INSTANCE }

  record Savepoint(String name) implements SessionCommand {
    public Savepoint {
      Objects.requireNonNull(name, "name");
    }
  }

  record ReleaseSavepoint(String name) implements SessionCommand {
    public ReleaseSavepoint {
      Objects.requireNonNull(name, "name");
    }
  }

  record RollbackToSavepoint(String name) implements SessionCommand {
    public RollbackToSavepoint {
      Objects.requireNonNull(name, "name");
    }
  }
}
