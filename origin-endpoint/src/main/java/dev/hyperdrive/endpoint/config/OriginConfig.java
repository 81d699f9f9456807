package dev.hyperdrive.endpoint.config;

import dev.hyperdrive.config.ConfigNode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where one database's origin lives and how the endpoint logs in to it.
 *
 * @param sslRootCert CA bundle (PEM) for verify-ca / verify-full; null otherwise
 */
public record OriginConfig(
    String host, int port, String user, String password, String database, SslMode sslMode, Path sslRootCert) {

  public static final int DEFAULT_PORT = 5432;

  public OriginConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(sslMode, "sslMode");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
    }
    if (sslMode.verifiesCertificate() && sslRootCert == null) {
      throw new IllegalArgumentException("sslmode " + sslMode + " needs sslrootcert");
    }
  }

  /** Plain-TCP origin, as tests and the local demo use. */
  public static OriginConfig plain(String host, int port, String user, String password, String database) {
    return new OriginConfig(host, port, user, password, database, SslMode.DISABLE, null);
  }

  public String address() {
    return host + ":" + port;
  }

  /** Reads an {@code origin:} mapping. */
  public static OriginConfig from(ConfigNode node) {
    node.rejectUnknownKeys("host", "port", "user", "password", "database", "sslmode", "sslrootcert");
    String user = node.requiredString("user");
    SslMode mode = sslMode(node, "sslmode", node.optionalString("sslmode").orElse(null));
    Path rootCert = node.optionalString("sslrootcert").map(Path::of).orElse(null);
    if (mode.verifiesCertificate() && rootCert == null) {
      throw node.error("sslrootcert", "sslmode " + mode + " needs sslrootcert: the CA file (PEM) that signed the origin's certificate");
    }
    return new OriginConfig(
        node.requiredString("host"),
        node.integer("port", DEFAULT_PORT, 1, 65535),
        user,
        node.requiredString("password"),
        node.string("database", user),
        mode,
        rootCert);
  }

  /** Reads the sslmode value at {@code key}; absent means disable. */
  static SslMode sslMode(ConfigNode node, String key, String value) {
    if (value == null) {
      return SslMode.DISABLE;
    }
    return SslMode.fromConfigName(value).orElseThrow(() -> node.error(key,
        "must be one of disable, require, verify-ca, verify-full, got '" + value + "'"));
  }

  /** Never shows the password: configs get logged. */
  @Override
  public String toString() {
    return "OriginConfig[" + user + "@" + address() + "/" + database + ", sslmode=" + sslMode
        + (sslRootCert == null ? "" : ", sslrootcert=" + sslRootCert) + "]";
  }
}
