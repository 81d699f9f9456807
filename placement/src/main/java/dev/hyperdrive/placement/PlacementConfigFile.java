package dev.hyperdrive.placement;

import dev.hyperdrive.config.ConfigNode;
import dev.hyperdrive.config.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads placement.yaml into a {@link PlacementConfig}; every mistake fails with the file, line and
 * key (see placement/README.md for the keys and their defaults).
 *
 * <pre>
 * listen: 0.0.0.0:7200
 * data_dir: /var/lib/hyperdrive/placement
 * edge_address: localhost:6432
 * sites:
 *   - name: london-1
 *     region: eu-west
 *     address: 10.0.0.2:7100
 * placement:
 *   samples: 5
 *   interval: 10m
 *   connect_timeout: 10s
 * </pre>
 */
public final class PlacementConfigFile {

  static final int MAX_SAMPLES = 50;

  private PlacementConfigFile() {}

  public static PlacementConfig load(Path file) {
    return from(ConfigNode.load(file));
  }

  public static PlacementConfig from(ConfigNode root) {
    root.rejectUnknownKeys("listen", "data_dir", "edge_address", "sites", "placement");
    HostPort listen = root.hostPort("listen", new HostPort("0.0.0.0", PlacementConfig.DEFAULT_PORT));
    HostPort edge = root.hostPort("edge_address", HostPort.parse(PlacementConfig.DEFAULT_EDGE_ADDRESS));
    return new PlacementConfig(listen.host(), listen.port(), Path.of(root.requiredString("data_dir")),
        edge.toString(), sites(root), settings(root));
  }

  private static List<Site> sites(ConfigNode root) {
    List<ConfigNode> nodes = root.objectList("sites");
    if (nodes.isEmpty()) {
      throw root.error("sites", "at least one endpoint site is required: placement validates and measures from them");
    }
    List<Site> sites = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode node : nodes) {
      node.rejectUnknownKeys("name", "region", "address");
      String name = node.requiredString("name");
      if (!names.add(name)) {
        throw node.error("name", "site '" + name + "' is listed twice");
      }
      sites.add(new Site(name, node.requiredString("region"), node.requiredHostPort("address").toString()));
    }
    return sites;
  }

  private static PlacementSettings settings(ConfigNode root) {
    ConfigNode node = root.optionalObject("placement").orElse(null);
    if (node == null) {
      return PlacementSettings.defaults();
    }
    node.rejectUnknownKeys("samples", "interval", "connect_timeout");
    return new PlacementSettings(
        node.integer("samples", PlacementSettings.DEFAULT_SAMPLES, 1, MAX_SAMPLES),
        positive(node, "interval", PlacementSettings.DEFAULT_INTERVAL),
        positive(node, "connect_timeout", PlacementSettings.DEFAULT_CONNECT_TIMEOUT));
  }

  private static Duration positive(ConfigNode node, String key, Duration defaultValue) {
    Duration value = node.duration(key, defaultValue);
    if (value.isZero() || value.isNegative()) {
      throw node.error(key, "must be longer than zero");
    }
    return value;
  }
}
