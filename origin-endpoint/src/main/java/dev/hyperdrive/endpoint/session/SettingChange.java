package dev.hyperdrive.endpoint.session;

import java.util.Objects;

/**
 * One session-level change to a run-time setting, as PostgreSQL applies it when the statement's
 * transaction commits. Names are lower case (PostgreSQL's setting names are case-insensitive).
 */
public sealed interface SettingChange {

  /** The setting's name, or null for changes that touch many settings. */
  String name();

  /**
   * {@code name} takes a value; {@code applySql} is a statement that gives it that value on any
   * connection, {@code startupValue} the raw value when it came from the startup packet (else null).
   */
  record Set(String name, String applySql, String startupValue) implements SettingChange {
    public Set {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(applySql, "applySql");
    }
  }

  /** RESET name, SET name TO DEFAULT: back to the session's default. */
  record Reset(String name) implements SettingChange {
    public Reset {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * RESET ALL (which leaves {@code role} and {@code session_authorization} alone) or, with
   * {@code identityToo}, DISCARD ALL (which resets them as well).
   */
  record ResetAll(boolean identityToo) implements SettingChange {
    @Override
    public String name() {
      return null;
    }
  }

  /** A change we cannot follow (set_config with computed arguments): the connection's state is unknown. */
  record Untracked() implements SettingChange {
    public static final Untracked INSTANCE = new Untracked();

    @Override
    public String name() {
      return null;
    }
  }

  /** Settings RESET ALL does not touch (GUC_NO_RESET_ALL); DISCARD ALL resets them too. */
  static boolean isIdentity(String name) {
    return "role".equals(name) || "session_authorization".equals(name);
  }
}
