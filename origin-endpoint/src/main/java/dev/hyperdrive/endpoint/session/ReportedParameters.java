package dev.hyperdrive.endpoint.session;

import dev.hyperdrive.wire.backend.ParameterStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The value of each reported setting (ParameterStatus) as this client last saw it. The client first
 * learns them from the edge's handshake, which answers with the origin's startup values and the
 * driver's own startup settings; after that, from every ParameterStatus forwarded to it. ParameterStatus
 * the endpoint's own alignment SETs cause is forwarded only when it tells the client something new.
 */
final class ReportedParameters {
  private static final String APPLICATION_NAME = "application_name";

  private final Map<String, String> seen = new HashMap<>();
  private boolean initialized;

  /** Before the client's first batch: what the handshake told it. */
  void initialize(List<ParameterStatus> originDefaults, Map<String, String> startupSettings) {
    if (initialized) {
      return;
    }
    initialized = true;
    for (ParameterStatus parameter : originDefaults) {
      seen.put(key(parameter.name()), parameter.value());
    }
    startupSettings.forEach((name, value) -> {
      if (seen.containsKey(name)) {
        seen.put(name, value);
      }
    });
    // The edge reports the driver's own application_name, or none (''), as PostgreSQL would.
    seen.put(APPLICATION_NAME, startupSettings.getOrDefault(APPLICATION_NAME, ""));
  }

  /** A ParameterStatus went to the client. */
  void clientSaw(ParameterStatus parameter) {
    seen.put(key(parameter.name()), parameter.value());
  }

  /** True (and remembered as seen) if forwarding this would tell the client a new value. */
  boolean isNews(ParameterStatus parameter) {
    String key = key(parameter.name());
    if (parameter.value().equals(seen.get(key))) {
      return false;
    }
    seen.put(key, parameter.value());
    return true;
  }

  static Map<String, String> byLowerCaseName(List<ParameterStatus> parameters) {
    Map<String, String> values = new HashMap<>();
    for (ParameterStatus parameter : parameters) {
      values.put(key(parameter.name()), parameter.value());
    }
    return values;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
