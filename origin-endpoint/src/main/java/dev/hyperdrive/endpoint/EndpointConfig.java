package dev.hyperdrive.endpoint;

import dev.hyperdrive.config.ConfigNode;
import dev.hyperdrive.config.HostPort;
import dev.hyperdrive.endpoint.config.DatabaseConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole endpoint.yaml of one origin endpoint site: its name, the gRPC address edges reach it on,
 * the databases it pools, and optionally the placement service whose databases it serves as well.
 * Keys and defaults are documented in deploy/README.md.
 *
 * @param placement placement's gRPC address, or null to serve only {@code databases}
 * @param cacheSize total bytes of the endpoint's cache tier, all databases together
 * @param metricsListen where Prometheus scrapes {@code /metrics}; empty = no metrics server
 */
public record EndpointConfig(String site, HostPort listen, List<DatabaseConfig> databases, HostPort placement,
    long cacheSize, Optional<HostPort> metricsListen) {
  public static final HostPort DEFAULT_LISTEN = new HostPort("0.0.0.0", 7100);
  public static final long DEFAULT_CACHE_SIZE = 64L * 1024 * 1024;

  public EndpointConfig {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(listen, "listen");
    databases = List.copyOf(databases);
    if (cacheSize < 0) {
      throw new IllegalArgumentException("cache_size must not be negative, got " + cacheSize);
    }
    Objects.requireNonNull(metricsListen, "metricsListen");
    Map<String, DatabaseConfig> byName = new HashMap<>();
    for (DatabaseConfig database : databases) {
      if (byName.put(database.name(), database) != null) {
        throw new IllegalArgumentException("database '" + database.name() + "' is configured twice");
      }
    }
  }

  /** A site that serves only the databases of its file. */
  public EndpointConfig(String site, HostPort listen, List<DatabaseConfig> databases) {
    this(site, listen, databases, null);
  }

  /** A site with the default {@code cache_size} and no metrics server. */
  public EndpointConfig(String site, HostPort listen, List<DatabaseConfig> databases, HostPort placement) {
    this(site, listen, databases, placement, DEFAULT_CACHE_SIZE, Optional.empty());
  }

  public EndpointConfig withPlacement(HostPort address) {
    return new EndpointConfig(site, listen, databases, address, cacheSize, metricsListen);
  }

  public EndpointConfig withMetricsListen(HostPort address) {
    return new EndpointConfig(site, listen, databases, placement, cacheSize, Optional.of(address));
  }

  public static EndpointConfig load(Path file) {
    return from(ConfigNode.load(file));
  }

  public static EndpointConfig from(ConfigNode root) {
    root.rejectUnknownKeys("site", "listen", "databases", "placement", "cache_size", "metrics_listen");
    String site = root.requiredString("site");
    HostPort listen = root.hostPort("listen", DEFAULT_LISTEN);
    List<ConfigNode> nodes = root.objectList("databases");
    Map<String, Integer> seen = new HashMap<>();
    List<DatabaseConfig> databases = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      DatabaseConfig database = DatabaseConfig.from(nodes.get(i));
      Integer first = seen.putIfAbsent(database.name(), i);
      if (first != null) {
        throw nodes.get(i).error("name",
            "database '" + database.name() + "' is already configured as databases[" + first + "]");
      }
      databases.add(database);
    }
    HostPort placement = root.has("placement") ? root.hostPort("placement", null) : null;
    Optional<HostPort> metricsListen = root.has("metrics_listen")
        ? Optional.of(root.requiredHostPort("metrics_listen")) : Optional.empty();
    return new EndpointConfig(site, listen, databases, placement, root.byteSize("cache_size", DEFAULT_CACHE_SIZE),
        metricsListen);
  }
}
