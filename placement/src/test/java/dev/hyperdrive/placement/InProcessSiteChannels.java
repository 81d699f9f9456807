package dev.hyperdrive.placement;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reaches each site's in-process Probe server, named after the site. */
final class InProcessSiteChannels implements SiteChannels {

  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  @Override
  public ManagedChannel channel(Site site) {
    return channels.computeIfAbsent(site.name(), name -> InProcessChannelBuilder.forName("site-" + name).build());
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
  }
}
