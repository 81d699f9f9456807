package dev.hyperdrive.edge;

import dev.hyperdrive.auth.AuthMethod;
import dev.hyperdrive.auth.Md5Secret;
import dev.hyperdrive.auth.UserSecret;
import dev.hyperdrive.config.ConfigNode;
import dev.hyperdrive.config.HostPort;
import dev.hyperdrive.edge.cache.CacheSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An edge site's configuration (edge.yaml): where drivers connect, which endpoints it relays to, and the
 * databases (with the credentials drivers must present) it serves. With {@code placement}, databases and
 * endpoint rankings are also learned from the placement service, and the file's own {@code databases}
 * may be empty. Every key is documented in edge-client/README.md and deploy/README.md; the records can
 * also be built in code.
 *
 * @param region this edge's region: before placement has ranked a database, its sessions go to an
 *     endpoint of this region (rendezvous hashing); empty = every endpoint is eligible
 * @param placement the placement service's gRPC address, when databases come from placement
 * @param metricsListen where Prometheus scrapes {@code /metrics}; empty = no metrics server
 */
public record EdgeConfig(String site, HostPort listen, Optional<Tls> tls, List<Endpoint> endpoints,
    List<Database> databases, Optional<String> region, Optional<HostPort> placement, long cacheSize,
    Optional<HostPort> metricsListen) {
  /** The site-wide bound on cached result bytes, all databases together. */
  public static final long DEFAULT_CACHE_SIZE = 64L * 1024 * 1024;

  /** PEM files for answering SSLRequest with 'S'. */
  public record Tls(Path cert, Path key) {}

  /**
   * An origin endpoint the edge may relay to. {@code name} is the endpoint's own {@code site} (what
   * placement rankings name); {@code region} makes it eligible for this edge's region before a ranking.
   */
  public record Endpoint(String name, HostPort address, Optional<String> region) {
    public Endpoint {
      Objects.requireNonNull(region, "region");
    }

    /** An endpoint in no particular region. */
    public Endpoint(String name, HostPort address) {
      this(name, address, Optional.empty());
    }
  }

  /**
   * A database drivers may connect to: {@code name} is what they put in the connection string (and
   * what the endpoint knows it by); {@code endpoints} is the preference order.
   */
  public record Database(String name, String user, String password, AuthMethod authMethod, List<String> endpoints,
      CacheSettings cache) {
    public Database {
      endpoints = List.copyOf(endpoints);
      Objects.requireNonNull(cache, "cache");
    }

    /** A database with the default cache settings. */
    public Database(String name, String user, String password, AuthMethod authMethod, List<String> endpoints) {
      this(name, user, password, authMethod, endpoints, CacheSettings.DEFAULT);
    }

    /** Never shows the password (configs end up in logs). */
    @Override
    public String toString() {
      return "Database[name=" + name + ", user=" + user + ", authMethod=" + authMethod + ", endpoints=" + endpoints + "]";
    }
  }

  public EdgeConfig {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(tls, "tls");
    endpoints = List.copyOf(endpoints);
    databases = List.copyOf(databases);
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(placement, "placement");
    Objects.requireNonNull(metricsListen, "metricsListen");
    if (cacheSize < 0) {
      throw new IllegalArgumentException("cache_size must not be negative, got " + cacheSize);
    }
  }

  /** A configuration without a metrics server. */
  public EdgeConfig(String site, HostPort listen, Optional<Tls> tls, List<Endpoint> endpoints,
      List<Database> databases, Optional<String> region, Optional<HostPort> placement, long cacheSize) {
    this(site, listen, tls, endpoints, databases, region, placement, cacheSize, Optional.empty());
  }

  /** A configuration with the default {@code cache_size}. */
  public EdgeConfig(String site, HostPort listen, Optional<Tls> tls, List<Endpoint> endpoints,
      List<Database> databases, Optional<String> region, Optional<HostPort> placement) {
    this(site, listen, tls, endpoints, databases, region, placement, DEFAULT_CACHE_SIZE);
  }

  /** A configuration without placement: every database is in the file. */
  public EdgeConfig(String site, HostPort listen, Optional<Tls> tls, List<Endpoint> endpoints,
      List<Database> databases) {
    this(site, listen, tls, endpoints, databases, Optional.empty(), Optional.empty());
  }

  public static EdgeConfig load(Path file) {
    return from(ConfigNode.load(file));
  }

  public static EdgeConfig from(ConfigNode root) {
    root.rejectUnknownKeys("site", "region", "listen", "tls", "endpoints", "databases", "placement", "cache_size",
        "metrics_listen");
    String site = root.requiredString("site");
    Optional<String> region = root.optionalString("region");
    HostPort listen = root.hostPort("listen", new HostPort("127.0.0.1", 6432));
    Optional<Tls> tls = root.optionalObject("tls").map(EdgeConfig::tls);
    Optional<HostPort> placement = root.has("placement")
        ? Optional.of(root.requiredHostPort("placement")) : Optional.empty();
    List<Endpoint> endpoints = endpoints(root);
    List<Database> databases = databases(root, endpoints, placement.isPresent());
    Optional<HostPort> metricsListen = root.has("metrics_listen")
        ? Optional.of(root.requiredHostPort("metrics_listen")) : Optional.empty();
    return new EdgeConfig(site, listen, tls, endpoints, databases, region, placement,
        root.byteSize("cache_size", DEFAULT_CACHE_SIZE), metricsListen);
  }

  /** The same configuration with Prometheus metrics served on {@code address}. */
  public EdgeConfig withMetricsListen(HostPort address) {
    return new EdgeConfig(site, listen, tls, endpoints, databases, region, placement, cacheSize,
        Optional.of(address));
  }

  /** The database drivers name, if configured. */
  public Optional<Database> database(String name) {
    return databases.stream().filter(database -> database.name().equals(name)).findFirst();
  }

  private static Tls tls(ConfigNode node) {
    node.rejectUnknownKeys("cert", "key");
    return new Tls(Path.of(node.requiredString("cert")), Path.of(node.requiredString("key")));
  }

  private static AuthMethod authMethod(ConfigNode node) {
    String name = node.string("auth_method", AuthMethod.SCRAM_SHA_256.hbaName());
    try {
      return AuthMethod.fromName(name);
    } catch (IllegalArgumentException e) {
      throw node.error("auth_method", "must be scram-sha-256, md5 or cleartext (or password), got '" + name + "'");
    }
  }

  /** A stored secret can only check the exchanges its form allows (as in PostgreSQL). */
  private static void checkSecretFitsMethod(ConfigNode node, String password, AuthMethod method) {
    UserSecret secret = UserSecret.parse(password);
    if (secret instanceof Md5Secret && method == AuthMethod.SCRAM_SHA_256) {
      throw node.error("password", "an md5 hash cannot check scram-sha-256 logins; give the password or a "
          + "SCRAM-SHA-256 secret, or set auth_method: md5");
    }
  }

  private static List<Endpoint> endpoints(ConfigNode root) {
    List<ConfigNode> nodes = root.objectList("endpoints");
    if (nodes.isEmpty()) {
      throw root.error("endpoints", "at least one endpoint is required");
    }
    List<Endpoint> endpoints = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode node : nodes) {
      node.rejectUnknownKeys("name", "address", "region");
      String name = node.requiredString("name");
      if (!names.add(name)) {
        throw node.error("name", "duplicate endpoint name '" + name + "'");
      }
      endpoints.add(new Endpoint(name, node.requiredHostPort("address"), node.optionalString("region")));
    }
    return endpoints;
  }

  private static List<Database> databases(ConfigNode root, List<Endpoint> endpoints, boolean fromPlacement) {
    List<ConfigNode> nodes = root.objectList("databases");
    if (nodes.isEmpty() && !fromPlacement) {
      throw root.error("databases", "at least one database is required (or name a placement service)");
    }
    List<String> allEndpoints = endpoints.stream().map(Endpoint::name).toList();
    List<Database> databases = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode node : nodes) {
      node.rejectUnknownKeys("name", "user", "password", "auth_method", "endpoints", "cache");
      String name = node.requiredString("name");
      if (!names.add(name)) {
        throw node.error("name", "duplicate database name '" + name + "'");
      }
      List<String> preference = node.has("endpoints") ? node.stringList("endpoints") : allEndpoints;
      for (String endpoint : preference) {
        if (!allEndpoints.contains(endpoint)) {
          throw node.error("endpoints", "unknown endpoint '" + endpoint + "' (configured: "
              + String.join(", ", allEndpoints) + ")");
        }
      }
      if (preference.isEmpty()) {
        throw node.error("endpoints", "must name at least one endpoint");
      }
      AuthMethod authMethod = authMethod(node);
      String password = node.requiredString("password");
      checkSecretFitsMethod(node, password, authMethod);
      databases.add(new Database(name, node.requiredString("user"), password, authMethod, preference,
          CacheSettings.from(node)));
    }
    return databases;
  }
}
