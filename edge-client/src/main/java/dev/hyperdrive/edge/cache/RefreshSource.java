package dev.hyperdrive.edge.cache;

import dev.hyperdrive.edge.relay.EndpointChannel;
import dev.hyperdrive.proto.relay.SessionOpen;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.function.Supplier;

/**
 * How to reproduce a driver session for a background refresh: its {@code SessionOpen} (database and
 * start-up parameters; the refresh gets its own session id), the SET statements it ran since (minus
 * their {@code SET}), where its endpoint is, and the event loop the refresh runs on.
 */
public record RefreshSource(SessionOpen open, List<String> replayedSettings, Supplier<EndpointChannel> endpoint,
    EventLoop eventLoop) {
  public RefreshSource {
    replayedSettings = List.copyOf(replayedSettings);
  }
}
