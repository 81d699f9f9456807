package dev.hyperdrive.endpoint.origin;

import dev.hyperdrive.wire.backend.BackendKeyData;
import io.netty.channel.Channel;
import java.util.List;

/** Origin connections over a test channel, for pool tests that only need a connection's identity and loop. */
public final class OriginConnections {
  private OriginConnections() {}

  public static OriginConnection over(Channel channel) {
    return new OriginConnection(channel, new BackendKeyData(1, 2), List.of());
  }
}
