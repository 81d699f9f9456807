package dev.hyperdrive.endpoint.session;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings one client's session has, as PostgreSQL would hold them for a connection of its own: its
 * startup settings, then every session-level change that committed. RESET returns a setting to the
 * client's startup value (its session default), not to the origin connection's.
 */
final class ClientSettings {
  private final Map<String, SettingChange.Set> startup;
  private final Map<String, SettingChange.Set> current;

  ClientSettings(Map<String, String> startupSettings) {
    this.startup = StartupSettings.asChanges(startupSettings);
    this.current = new LinkedHashMap<>(startup);
  }

  void apply(SettingChange change) {
    if (change instanceof SettingChange.Set) {
      current.put(change.name(), (SettingChange.Set) change);
    } else if (change instanceof SettingChange.Reset) {
      resetOne(change.name());
    } else if (change instanceof SettingChange.ResetAll) {
      boolean identityToo = ((SettingChange.ResetAll) change).identityToo();
      current.keySet().removeIf(name -> identityToo || !SettingChange.isIdentity(name));
      startup.forEach(current::putIfAbsent);
    }
  }

  private void resetOne(String name) {
    SettingChange.Set initial = startup.get(name);
    if (initial != null) {
      current.put(name, initial);
    } else {
      current.remove(name);
    }
  }

  /** Every setting that differs from an origin connection's defaults, in the order they were made. */
  Map<String, SettingChange.Set> current() {
    return current;
  }

  /** The raw startup value of {@code name}, or null. */
  String startupValue(String name) {
    SettingChange.Set initial = startup.get(name);
    return initial == null ? null : initial.startupValue();
  }
}
