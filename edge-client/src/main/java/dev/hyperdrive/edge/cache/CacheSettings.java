package dev.hyperdrive.edge.cache;

import dev.hyperdrive.config.ConfigNode;
import java.time.Duration;
import java.util.Objects;

/**
 * One database's result-cache settings (edge.yaml {@code databases[].cache}), as in Hyperdrive: on by
 * default, entries fresh for {@code max_age} (at most 1 h), then served stale for up to
 * {@code stale_while_revalidate} while one background refresh runs; results larger than
 * {@code max_cached_result_bytes} are returned to the driver but not stored. {@code catalog_cache} (on by
 * default) answers drivers' catalog reads for {@link #CATALOG_MAX_AGE} even when {@code enabled} is off.
 */
public record CacheSettings(boolean enabled, Duration maxAge, Duration staleWhileRevalidate, long maxCachedResultBytes,
    boolean catalogCache) {
  /** How long a driver catalog read is answered from the catalog cache (it is dropped sooner on DDL). */
  public static final Duration CATALOG_MAX_AGE = Duration.ofSeconds(60);
  public static final Duration MAX_MAX_AGE = Duration.ofHours(1);
  public static final CacheSettings DEFAULT = new CacheSettings(true, Duration.ofSeconds(60), Duration.ofSeconds(15),
      1024 * 1024);
  public static final CacheSettings DISABLED = new CacheSettings(false, DEFAULT.maxAge, DEFAULT.staleWhileRevalidate,
      DEFAULT.maxCachedResultBytes);

  /** Settings with the catalog cache on, its default. */
  public CacheSettings(boolean enabled, Duration maxAge, Duration staleWhileRevalidate, long maxCachedResultBytes) {
    this(enabled, maxAge, staleWhileRevalidate, maxCachedResultBytes, true);
  }

  /** What a catalog read is cached under: on, {@link #CATALOG_MAX_AGE}, never served stale. */
  CacheSettings forCatalogReads() {
    return new CacheSettings(true, CATALOG_MAX_AGE, Duration.ZERO, maxCachedResultBytes, true);
  }

  public CacheSettings {
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(staleWhileRevalidate, "staleWhileRevalidate");
    if (maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(MAX_MAX_AGE) > 0) {
      throw new IllegalArgumentException("max_age must be between 1ms and 1h, got " + maxAge);
    }
    if (staleWhileRevalidate.isNegative()) {
      throw new IllegalArgumentException("stale_while_revalidate must not be negative, got " + staleWhileRevalidate);
    }
    if (maxCachedResultBytes < 0 || maxCachedResultBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("max_cached_result_bytes must be between 0 and 2GB, got " + maxCachedResultBytes);
    }
  }

  /**
   * Settings placement sent for a database it registered (placement.proto {@code Caching}): zero means
   * "not set" there, so it takes the default; a max age over 1 h is cut to 1 h.
   */
  public static CacheSettings fromPlacement(boolean disabled, int maxAgeSeconds, int staleWhileRevalidateSeconds,
      boolean catalogCache) {
    Duration maxAge = maxAgeSeconds <= 0 ? DEFAULT.maxAge
        : Duration.ofSeconds(Math.min(maxAgeSeconds, MAX_MAX_AGE.toSeconds()));
    Duration stale = staleWhileRevalidateSeconds <= 0 ? DEFAULT.staleWhileRevalidate
        : Duration.ofSeconds(staleWhileRevalidateSeconds);
    return new CacheSettings(!disabled, maxAge, stale, DEFAULT.maxCachedResultBytes, catalogCache);
  }

  /** Reads {@code cache} under a database entry; absent means {@link #DEFAULT}. */
  public static CacheSettings from(ConfigNode database) {
    if (!database.has("cache")) {
      return DEFAULT;
    }
    ConfigNode cache = database.requiredObject("cache");
    cache.rejectUnknownKeys("enabled", "max_age", "stale_while_revalidate", "max_cached_result_bytes", "catalog_cache");
    Duration maxAge = cache.duration("max_age", DEFAULT.maxAge);
    if (maxAge.isZero() || maxAge.isNegative() || maxAge.compareTo(MAX_MAX_AGE) > 0) {
      throw cache.error("max_age", "must be more than 0 and at most 1h, got " + maxAge.toMillis() + "ms");
    }
    Duration staleWhileRevalidate = cache.duration("stale_while_revalidate", DEFAULT.staleWhileRevalidate);
    if (staleWhileRevalidate.isNegative()) {
      throw cache.error("stale_while_revalidate", "must not be negative");
    }
    long maxResult = cache.byteSize("max_cached_result_bytes", DEFAULT.maxCachedResultBytes);
    if (maxResult > Integer.MAX_VALUE) {
      throw cache.error("max_cached_result_bytes", "must be less than 2GB, got " + maxResult);
    }
    return new CacheSettings(cache.bool("enabled", true), maxAge, staleWhileRevalidate, maxResult,
        cache.bool("catalog_cache", true));
  }
}
