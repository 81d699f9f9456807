package dev.hyperdrive.placement;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the placement service is configured with (placement.yaml, see deploy/README.md).
 *
 * @param listenHost   address the gRPC server binds ({@code listen}, default 0.0.0.0:7200)
 * @param listenPort   0 picks a free port (tests)
 * @param dataDir      where the registry lives ({@code data_dir})
 * @param edgeAddress  host:port applications reach their edge client at, used in the connection
 *                     strings issued at create ({@code edge_address}, default localhost:6432)
 * @param sites        endpoint sites, in the order validation tries them ({@code sites})
 * @param placement    run settings ({@code placement.samples/interval/connect_timeout})
 */
public record PlacementConfig(String listenHost, int listenPort, Path dataDir, String edgeAddress, List<Site> sites,
    PlacementSettings placement) {

  public static final int DEFAULT_PORT = 7200;
  public static final String DEFAULT_EDGE_ADDRESS = "localhost:6432";

  public PlacementConfig {
    sites = List.copyOf(sites);
  }
}
