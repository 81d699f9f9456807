package dev.hyperdrive.placement;

import io.grpc.Channel;

/**
 * How placement reaches endpoint sites. Production opens one long-lived Netty channel per site
 * ({@link NettySiteChannels}); tests connect in-process doubles of the Probe service.
 */
public interface SiteChannels extends AutoCloseable {

  Channel channel(Site site);

  @Override
  void close();
}
