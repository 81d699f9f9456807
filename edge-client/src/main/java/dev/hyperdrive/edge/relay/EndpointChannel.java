package dev.hyperdrive.edge.relay;

import io.grpc.ManagedChannel;

/** One endpoint's name, its long-lived, pre-connected gRPC channel, and whether sessions may use it. */
public record EndpointChannel(String name, ManagedChannel channel, EndpointHealth health) {

  /** An endpoint with fresh health (nothing has failed yet). */
  public EndpointChannel(String name, ManagedChannel channel) {
    this(name, channel, new EndpointHealth());
  }

  /** Whether new sessions may be sent here now. */
  public boolean usable() {
    return health.usable(channel.getState(false));
  }
}
