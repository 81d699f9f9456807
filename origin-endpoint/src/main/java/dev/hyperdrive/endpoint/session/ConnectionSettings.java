package dev.hyperdrive.endpoint.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one origin connection's settings are, relative to its own defaults (those of its startup packet
 * and the server's configuration): the SETs the endpoint knows are in effect there. A connection goes
 * back to the pool with whatever the last client left; the next client's checkout changes only what
 * differs ({@link #alignmentSql}), so connections serving clients with equal settings cost nothing.
 * Used by the one session holding the connection at a time.
 */
public final class ConnectionSettings {
  private final Map<String, SettingChange.Set> applied = new LinkedHashMap<>();
  private boolean unknown;

  void apply(SettingChange change) {
    if (change instanceof SettingChange.Set) {
      applied.put(change.name(), (SettingChange.Set) change);
    } else if (change instanceof SettingChange.Reset) {
      applied.remove(change.name());
    } else if (change instanceof SettingChange.ResetAll) {
      boolean identityToo = ((SettingChange.ResetAll) change).identityToo();
      applied.keySet().removeIf(name -> identityToo || !SettingChange.isIdentity(name));
    } else {
      markUnknown();
    }
  }

  /** Something changed settings in a way we could not follow: the next checkout resets everything. */
  void markUnknown() {
    unknown = true;
  }

  /**
   * One simple-Query text that turns this connection's settings into the client's, or null when they
   * already match. A startup value equal to the connection's reported default needs no SET.
   *
   * @param defaults the connection's own ParameterStatus values, by lower-case name
   */
  String alignmentSql(ClientSettings client, Map<String, String> defaults) {
    List<String> statements = new ArrayList<>();
    Map<String, SettingChange.Set> base = unknown ? Map.of() : applied;
    if (unknown) {
      statements.add("SET SESSION AUTHORIZATION DEFAULT");
      statements.add("RESET ALL");
    }
    for (String name : base.keySet()) {
      if (!client.current().containsKey(name)) {
        statements.add(resetSql(name));
      }
    }
    // session_authorization before role (changing the session user resets the role), then the rest.
    List<String> names = new ArrayList<>(List.of("session_authorization", "role"));
    client.current().keySet().stream().filter(name -> !SettingChange.isIdentity(name)).forEach(names::add);
    for (String name : names) {
      SettingChange.Set wanted = client.current().get(name);
      if (wanted != null && !matches(base.get(name), wanted, defaults)) {
        statements.add(wanted.applySql());
      }
    }
    return statements.isEmpty() ? null : String.join("; ", statements);
  }

  private static boolean matches(SettingChange.Set have, SettingChange.Set wanted, Map<String, String> defaults) {
    return have != null ? have.applySql().equals(wanted.applySql()) : isDefault(wanted, defaults);
  }

  private static boolean isDefault(SettingChange.Set wanted, Map<String, String> defaults) {
    return wanted.startupValue() != null && wanted.startupValue().equals(defaults.get(wanted.name()));
  }

  /** The alignment ran: the connection now has exactly the client's settings. */
  void aligned(ClientSettings client, Map<String, String> defaults) {
    applied.clear();
    unknown = false;
    client.current().forEach((name, wanted) -> {
      if (!isDefault(wanted, defaults)) {
        applied.put(name, wanted);
      }
    });
  }

  private static String resetSql(String name) {
    switch (name) {
      case "role":
        return "RESET ROLE";
      case "session_authorization":
        return "RESET SESSION AUTHORIZATION";
      default:
        return "RESET " + SqlLiterals.name(name);
    }
  }

  @Override
  public String toString() {
    return unknown ? "unknown settings" : applied.keySet().toString();
  }
}
