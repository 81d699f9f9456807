package dev.hyperdrive.edge.cache;

import dev.hyperdrive.cache.SessionCommand;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The settings of one driver session that go into its cache keys: every setting it chose at start-up
 * or by SET since, except those that cannot change the bytes of a result (timeouts, application_name,
 * logging). Settings nobody chose are the database's defaults, the same for every session of it, so
 * they need no place in the key.
 *
 * <p>It also keeps the SET statements that brought the session where it is, so a background refresh
 * can reproduce them, and it gives up (caching stops for the session) when the session changed settings
 * in a way that cannot be followed.
 */
public final class SessionSettings {
  /** Settings that never change what a query returns, so keys need not differ by them. */
  private static final Set<String> NOT_RESULT_SHAPING = Set.of(
      "application_name", "fallback_application_name", "statement_timeout", "lock_timeout",
      "idle_in_transaction_session_timeout", "idle_session_timeout", "transaction_timeout",
      "client_min_messages", "log_min_duration_statement", "log_statement", "work_mem",
      "maintenance_work_mem", "jit", "replication", "options_ignored",
      // reported by the server, never set by a driver's SET
      "is_superuser", "session_authorization", "server_version", "server_encoding", "integer_datetimes",
      "in_hot_standby", "scram_iterations", "default_transaction_read_only");

  private final Map<String, String> startup;
  private final SortedMap<String, String> current = new TreeMap<>();
  private final Map<String, String> replay = new LinkedHashMap<>();
  private boolean standardConformingStrings;
  private String untrackableReason;

  /**
   * @param startupParameters what the driver put in its StartupMessage (user and database excluded)
   * @param standardConformingStrings the session's value as reported at the end of the handshake
   */
  public SessionSettings(Map<String, String> startupParameters, boolean standardConformingStrings) {
    Map<String, String> keyed = new TreeMap<>();
    startupParameters.forEach((name, value) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (isResultShaping(lower)) {
        keyed.put(lower, value);
      }
    });
    this.startup = Collections.unmodifiableMap(keyed);
    this.current.putAll(keyed);
    this.standardConformingStrings = standardConformingStrings;
  }

  /** The settings a cache key of this session carries (a snapshot). */
  public SortedMap<String, String> keyed() {
    return new TreeMap<>(current);
  }

  /** False once the session changed settings in a way we could not follow: nothing is cached for it any more. */
  public boolean trackable() {
    return untrackableReason == null;
  }

  public String untrackableReason() {
    return untrackableReason;
  }

  public boolean standardConformingStrings() {
    return standardConformingStrings;
  }

  /** The SET statements (minus their {@code SET}) that a fresh session needs to match this one. */
  public Collection<String> replayStatements() {
    return Collections.unmodifiableCollection(replay.values());
  }

  /** A command that succeeded outside a transaction. */
  public void apply(SessionCommand command) {
    if (command instanceof SessionCommand.Set set) {
      String name = set.name().toLowerCase(Locale.ROOT);
      if (isResultShaping(name)) {
        current.put(name, set.value());
        replay.put(name, set.replay());
      }
    } else if (command instanceof SessionCommand.Reset reset) {
      String name = reset.name().toLowerCase(Locale.ROOT);
      replay.remove(name);
      restoreStartupValue(name);
    } else if (command == SessionCommand.ResetAll.INSTANCE || command == SessionCommand.DiscardAll.INSTANCE) {
      replay.clear();
      current.clear();
      current.putAll(startup);
    } else if (command instanceof SessionCommand.Untrackable untrackable) {
      giveUp(untrackable.reason());
    }
  }

  /** A ParameterStatus the origin sent while serving this session. */
  public void onParameterStatus(String name, String value) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("standard_conforming_strings")) {
      standardConformingStrings = value.equalsIgnoreCase("on");
    }
    if (isResultShaping(lower)) {
      current.put(lower, value);
    }
  }

  /** Stops caching for this session for good. */
  public void giveUp(String reason) {
    if (untrackableReason == null) {
      untrackableReason = reason;
    }
  }

  private void restoreStartupValue(String name) {
    String value = startup.get(name);
    if (value == null) {
      current.remove(name);
    } else {
      current.put(name, value);
    }
  }

  private static boolean isResultShaping(String lowerName) {
    return !NOT_RESULT_SHAPING.contains(lowerName) && !lowerName.startsWith("_pq_.");
  }
}
