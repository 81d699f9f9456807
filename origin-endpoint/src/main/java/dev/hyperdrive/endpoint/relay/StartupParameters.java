package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.proto.relay.Parameter;
import dev.hyperdrive.proto.relay.SessionOpen;
import java.util.LinkedHashMap;
import java.util.Map;

/** The driver's startup parameters as SessionOpen relays them, in the driver's order. */
final class StartupParameters {
  private StartupParameters() {}

  static Map<String, String> of(SessionOpen open) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (Parameter parameter : open.getStartupParametersList()) {
      parameters.put(parameter.getName(), parameter.getValue());
    }
    return parameters;
  }
}
