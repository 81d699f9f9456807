package dev.hyperdrive.placement;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** One plaintext gRPC channel per endpoint site, opened on first use and kept for the process. */
public final class NettySiteChannels implements SiteChannels {

  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  @Override
  public ManagedChannel channel(Site site) {
    ManagedChannel channel = channels.computeIfAbsent(site.name(), name -> NettyChannelBuilder
        .forTarget(site.address())
        .usePlaintext()
        // Probes are occasional; keepalive keeps a quiet channel from being dropped by NATs so
        // the next probe does not pay a reconnect inside its measured time's deadline.
        .keepAliveTime(60, TimeUnit.SECONDS)
        .build());
    if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
      // A site that was down may be back: a validation or placement run deserves a connection attempt
      // now, not after gRPC's reconnect backoff (which grows to two minutes).
      channel.resetConnectBackoff();
    }
    return channel;
  }

  @Override
  public void close() {
    List<ManagedChannel> open = List.copyOf(channels.values());
    open.forEach(ManagedChannel::shutdown);
    for (ManagedChannel channel : open) {
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
