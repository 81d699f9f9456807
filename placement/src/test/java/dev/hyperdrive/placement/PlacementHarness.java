package dev.hyperdrive.placement;

import dev.hyperdrive.placement.store.FileDatabaseStore;
import dev.hyperdrive.proto.placement.EdgeDirectoryGrpc;
import dev.hyperdrive.proto.placement.EndpointDirectoryGrpc;
import dev.hyperdrive.proto.placement.GetPlacementRequest;
import dev.hyperdrive.proto.placement.PlacementControlGrpc;
import dev.hyperdrive.proto.placement.PlacementStatus;
import dev.hyperdrive.proto.probe.OriginSettings;
import dev.hyperdrive.proto.probe.ProbeGrpc;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A placement service in-process, over a real file store, with one in-process Probe server per
 * endpoint site (each a {@link ScriptedProbe} unless the test supplies its own), and client stubs.
 */
final class PlacementHarness implements AutoCloseable {

  static final int SAMPLES = 3;

  private final Path dataDir;
  private final List<Site> sites = new ArrayList<>();
  private final Map<String, ScriptedProbe> probes = new LinkedHashMap<>();
  private final List<Server> siteServers = new ArrayList<>();
  private final String serverName = InProcessServerBuilder.generateName();
  private final boolean overTcp;
  private PlacementServer placement;
  private ManagedChannel client;

  /** @param siteNames each "name/region" */
  static PlacementHarness withScriptedSites(Path dataDir, String... siteNames) {
    return new PlacementHarness(dataDir, false, site -> new ScriptedProbe(site.name()), siteNames);
  }

  /** Placement on a loopback TCP port (for the CLI, which dials HOST:PORT); sites stay in-process. */
  static PlacementHarness overTcpWithScriptedSites(Path dataDir, String... siteNames) {
    return new PlacementHarness(dataDir, true, site -> new ScriptedProbe(site.name()), siteNames);
  }

  PlacementHarness(Path dataDir, boolean overTcp, Function<Site, ProbeGrpc.ProbeImplBase> probeFactory,
      String... siteNames) {
    this.dataDir = dataDir;
    this.overTcp = overTcp;
    for (String siteName : siteNames) {
      String[] parts = siteName.split("/");
      Site site = new Site(parts[0], parts[1], "in-process");
      sites.add(site);
      ProbeGrpc.ProbeImplBase probe = probeFactory.apply(site);
      if (probe instanceof ScriptedProbe) {
        probes.put(site.name(), (ScriptedProbe) probe);
      }
      siteServers.add(startInProcess("site-" + site.name(), probe));
    }
    startPlacement();
  }

  void startPlacement() {
    PlacementConfig config = new PlacementConfig("in-process", 0, dataDir, "localhost:6432", sites,
        new PlacementSettings(SAMPLES, Duration.ofHours(1), Duration.ofSeconds(5)));
    ServerBuilder<?> builder = overTcp
        ? NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        : InProcessServerBuilder.forName(serverName);
    placement = PlacementServer.start(builder, config, FileDatabaseStore.open(dataDir), new InProcessSiteChannels());
    client = overTcp
        ? NettyChannelBuilder.forTarget(address()).usePlaintext().build()
        : InProcessChannelBuilder.forName(serverName).build();
  }

  /** host:port of placement, when over TCP. */
  String address() {
    return "127.0.0.1:" + placement.port();
  }

  /** Stops the service (store released) and starts it again on the same data directory. */
  void restartPlacement() {
    stopPlacement();
    startPlacement();
  }

  ScriptedProbe probe(String site) {
    return probes.get(site);
  }

  PlacementControlGrpc.PlacementControlBlockingStub control() {
    return PlacementControlGrpc.newBlockingStub(client).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  EdgeDirectoryGrpc.EdgeDirectoryStub edgeAsync() {
    return EdgeDirectoryGrpc.newStub(client);
  }

  EdgeDirectoryGrpc.EdgeDirectoryBlockingStub edge() {
    return EdgeDirectoryGrpc.newBlockingStub(client).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  EndpointDirectoryGrpc.EndpointDirectoryBlockingStub endpoint() {
    return EndpointDirectoryGrpc.newBlockingStub(client).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  /** Polls until the database has a ranking and no run is under way. */
  PlacementStatus awaitRanking(String database) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      PlacementStatus status = control().getPlacement(GetPlacementRequest.newBuilder().setDatabase(database).build());
      if (status.hasRanking() && !status.hasRun()) {
        return status;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no ranking for " + database + " in 20 s: " + status);
      }
      Thread.sleep(20);
    }
  }

  static OriginSettings origin(String host) {
    return OriginSettings.newBuilder()
        .setHost(host)
        .setPort(5432)
        .setUser("app")
        .setPassword("origin-secret")
        .setDatabase("appdb")
        .build();
  }

  private void stopPlacement() {
    client.shutdownNow();
    placement.close();
  }

  @Override
  public void close() {
    stopPlacement();
    probes.values().forEach(ScriptedProbe::releaseMeasurements);
    siteServers.forEach(Server::shutdownNow);
  }

  private static Server startInProcess(String name, BindableService service) {
    try {
      return InProcessServerBuilder.forName(name).addService(service).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
