package dev.hyperdrive.edge.session;

import dev.hyperdrive.edge.cache.EdgeCacheTier;
import dev.hyperdrive.edge.cache.RefreshSource;
import dev.hyperdrive.edge.cache.SessionCache;
import dev.hyperdrive.edge.cache.SessionSettings;
import dev.hyperdrive.edge.relay.EndpointChannel;
import dev.hyperdrive.proto.relay.Parameter;
import dev.hyperdrive.proto.relay.SessionOpen;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.function.Supplier;

/** Builds a session's {@link SessionCache} from what its handshake settled. */
final class SessionCaches {
  private SessionCaches() {}

  static SessionCache create(EdgeCacheTier tier, AcceptedStartup startup, List<Parameter> originParameters,
      SessionOpen open, Supplier<EndpointChannel> endpoint, EventLoop eventLoop) {
    boolean standardConformingStrings = ReportedParameters.compose(originParameters, startup.sessionParameters())
        .stream()
        .filter(parameter -> parameter.getName().equalsIgnoreCase("standard_conforming_strings"))
        .map(parameter -> parameter.getValue().equalsIgnoreCase("on"))
        .findFirst()
        .orElse(true);
    SessionSettings settings = new SessionSettings(startup.sessionParameters(), standardConformingStrings);
    return new SessionCache(tier, startup.database().name(), startup.database().cache(), settings,
        () -> new RefreshSource(open, List.copyOf(settings.replayStatements()), endpoint, eventLoop));
  }
}
