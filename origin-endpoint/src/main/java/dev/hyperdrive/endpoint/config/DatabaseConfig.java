package dev.hyperdrive.endpoint.config;

import dev.hyperdrive.config.ConfigNode;
import java.util.Objects;

/**
 * One database the endpoint serves. {@code name} is what edges put in {@code SessionOpen.database}
 * (the name drivers connect to); {@code origin.database()} is the database's name on the origin.
 */
public record DatabaseConfig(String name, OriginConfig origin, PoolSettings pool) {
  public DatabaseConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(pool, "pool");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("database name must not be empty");
    }
  }

  /** Reads one entry of {@code databases:}; the origin is given either as {@code origin:} or {@code url:}. */
  public static DatabaseConfig from(ConfigNode node) {
    node.rejectUnknownKeys("name", "origin", "url", "pool");
    String name = node.requiredString("name");
    if (name.isEmpty()) {
      throw node.error("name", "must not be empty");
    }
    boolean hasOrigin = node.has("origin");
    boolean hasUrl = node.has("url");
    if (hasOrigin == hasUrl) {
      throw node.error(hasOrigin ? "url" : "origin",
          "give the origin either as origin: {host, port, user, password, database} or as url: postgres://..., exactly one of them");
    }
    OriginConfig origin;
    if (hasOrigin) {
      origin = OriginConfig.from(node.requiredObject("origin"));
    } else {
      try {
        origin = OriginUrl.parse(node.requiredString("url"));
      } catch (IllegalArgumentException e) {
        throw node.error("url", e.getMessage());
      }
    }
    PoolSettings pool = node.optionalObject("pool").map(PoolSettings::from).orElse(PoolSettings.DEFAULTS);
    return new DatabaseConfig(name, origin, pool);
  }
}
