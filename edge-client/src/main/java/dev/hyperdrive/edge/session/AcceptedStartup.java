package dev.hyperdrive.edge.session;

import dev.hyperdrive.edge.EdgeConfig;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.NegotiateProtocolVersion;
import dev.hyperdrive.wire.frontend.StartupMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A StartupMessage the edge will authenticate: protocol 3.x, a user, a configured database.
 * See https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP.
 *
 * @param sessionParameters the driver's parameters except user, database and {@code _pq_.*}, in its order
 * @param negotiation what to answer before authentication when the driver asked for more than 3.0
 */
record AcceptedStartup(String user, EdgeConfig.Database database, Map<String, String> sessionParameters,
    Optional<NegotiateProtocolVersion> negotiation) {

  private static final String PROTOCOL_OPTION_PREFIX = "_pq_.";

  /** @param databases the databases this edge serves now, by name */
  static AcceptedStartup check(StartupMessage startup, Function<String, Optional<EdgeConfig.Database>> databases)
      throws SessionRefused {
    if (startup.majorVersion() != 3) {
      throw new SessionRefused(SessionErrors.unsupportedProtocol(startup.majorVersion(), startup.minorVersion()));
    }
    String user = startup.parameters().get("user");
    if (user == null || user.isEmpty()) {
      throw new SessionRefused(SessionErrors.noUser());
    }
    String databaseName = startup.parameters().getOrDefault("database", "");
    if (databaseName.isEmpty()) {
      databaseName = user;
    }
    EdgeConfig.Database database = databases.apply(databaseName)
        .orElseThrow(refusal(SessionErrors.unknownDatabase(databaseName)));
    if (!database.user().equals(user)) {
      throw new SessionRefused(SessionErrors.unknownRole(user));
    }
    String replication = startup.parameters().getOrDefault("replication", "false");
    if (!List.of("false", "off", "no", "0").contains(replication.toLowerCase(Locale.ROOT))) {
      throw new SessionRefused(SessionErrors.replicationUnsupported());
    }
    Map<String, String> sessionParameters = new LinkedHashMap<>();
    List<String> unrecognizedOptions = new ArrayList<>();
    startup.parameters().forEach((name, value) -> {
      if (name.startsWith(PROTOCOL_OPTION_PREFIX)) {
        unrecognizedOptions.add(name);
      } else if (!name.equals("user") && !name.equals("database")) {
        sessionParameters.put(name, value);
      }
    });
    // Like PostgreSQL: a newer minor version or protocol options we do not know are answered with
    // NegotiateProtocolVersion (we speak 3.0) and the session goes on.
    Optional<NegotiateProtocolVersion> negotiation = startup.minorVersion() > 0 || !unrecognizedOptions.isEmpty()
        ? Optional.of(new NegotiateProtocolVersion(0, unrecognizedOptions))
        : Optional.empty();
    return new AcceptedStartup(user, database, Collections.unmodifiableMap(sessionParameters), negotiation);
  }

  private static Supplier<SessionRefused> refusal(ErrorResponse error) {
    return () -> new SessionRefused(error);
  }
}
