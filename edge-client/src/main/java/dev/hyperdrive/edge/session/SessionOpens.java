package dev.hyperdrive.edge.session;

import dev.hyperdrive.proto.relay.Parameter;
import dev.hyperdrive.proto.relay.SessionOpen;

/** Builds the first relay frame's {@code SessionOpen}: who the session is and what the driver asked for. */
final class SessionOpens {
  private SessionOpens() {}

  static SessionOpen of(AcceptedStartup startup, String sessionId, String edgeSite) {
    SessionOpen.Builder open = SessionOpen.newBuilder()
        .setDatabase(startup.database().name())
        .setSessionId(sessionId)
        .setEdgeSite(edgeSite);
    startup.sessionParameters().forEach((name, value) ->
        open.addStartupParameters(Parameter.newBuilder().setName(name).setValue(value)));
    return open.build();
  }
}
