package dev.hyperdrive.edge.session;

import dev.hyperdrive.proto.relay.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ParameterStatus set a driver sees at the end of its handshake: the origin's own values (as the
 * endpoint reported them), except that settings the driver chose in its StartupMessage are reported
 * as the driver set them, which is what PostgreSQL does once it has applied them. The endpoint applies
 * the same startup parameters on the origin, so the two agree.
 */
final class ReportedParameters {
  static final String APPLICATION_NAME = "application_name";

  private ReportedParameters() {}

  static List<Parameter> compose(List<Parameter> origin, Map<String, String> startup) {
    Map<String, String> byLowerName = new LinkedHashMap<>();
    startup.forEach((name, value) -> byLowerName.put(name.toLowerCase(Locale.ROOT), value));
    List<Parameter> reported = new ArrayList<>();
    boolean sawApplicationName = false;
    for (Parameter parameter : origin) {
      String name = parameter.getName();
      String lower = name.toLowerCase(Locale.ROOT);
      String value = parameter.getValue();
      if (lower.equals(APPLICATION_NAME)) {
        sawApplicationName = true;
        value = byLowerName.getOrDefault(lower, "");
      } else if (byLowerName.containsKey(lower)) {
        value = driverValue(lower, byLowerName.get(lower), value);
      }
      reported.add(Parameter.newBuilder().setName(name).setValue(value).build());
    }
    if (!sawApplicationName) {
      reported.add(Parameter.newBuilder().setName(APPLICATION_NAME)
          .setValue(byLowerName.getOrDefault(APPLICATION_NAME, "")).build());
    }
    return reported;
  }

  /** How PostgreSQL reports a value the driver set (the spellings drivers send differ from the canonical ones). */
  private static String driverValue(String lowerName, String driverValue, String originValue) {
    switch (lowerName) {
      case "client_encoding":
        String normalized = driverValue.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        return normalized.equals("UNICODE") ? "UTF8" : normalized;
      case "datestyle":
        // "ISO" alone keeps the origin's field order ("ISO, MDY"), as PostgreSQL merges the two halves.
        if (!driverValue.contains(",") && originValue.contains(",")) {
          return driverValue.trim() + originValue.substring(originValue.indexOf(','));
        }
        return driverValue;
      default:
        return driverValue;
    }
  }
}
