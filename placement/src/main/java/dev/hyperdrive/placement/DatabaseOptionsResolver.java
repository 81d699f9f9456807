package dev.hyperdrive.placement;

import dev.hyperdrive.proto.placement.Caching;
import dev.hyperdrive.proto.placement.DatabaseOptions;
import dev.hyperdrive.proto.placement.Pool;
import io.grpc.Status;

/**
 * Applies the caching and pool options of a create or update to a database's current settings,
 * refusing values out of range with INVALID_ARGUMENT. Defaults are DESIGN.md §5's (max_age 60 s,
 * stale_while_revalidate 15 s) and the endpoint's default_pool_size (20).
 */
public final class DatabaseOptionsResolver {

  public static final Caching DEFAULT_CACHING =
      Caching.newBuilder().setMaxAgeSeconds(60).setStaleWhileRevalidateSeconds(15).build();
  public static final Pool DEFAULT_POOL = Pool.newBuilder().setDefaultPoolSize(20).build();

  static final int MAX_AGE_LIMIT_SECONDS = 86_400;
  static final int POOL_SIZE_LIMIT = 10_000;

  private DatabaseOptionsResolver() {}

  public static Caching caching(Caching current, DatabaseOptions options) {
    Caching.Builder caching = current.toBuilder();
    if (options.hasCachingDisabled()) {
      caching.setDisabled(options.getCachingDisabled());
    }
    if (options.hasCatalogCacheDisabled()) {
      caching.setCatalogCacheDisabled(options.getCatalogCacheDisabled());
    }
    if (options.hasMaxAgeSeconds()) {
      caching.setMaxAgeSeconds(inRange("max_age", options.getMaxAgeSeconds(), 1, MAX_AGE_LIMIT_SECONDS));
    }
    if (options.hasStaleWhileRevalidateSeconds()) {
      caching.setStaleWhileRevalidateSeconds(
          inRange("stale_while_revalidate", options.getStaleWhileRevalidateSeconds(), 0, MAX_AGE_LIMIT_SECONDS));
    }
    return caching.build();
  }

  public static Pool pool(Pool current, DatabaseOptions options) {
    if (!options.hasPoolSize()) {
      return current;
    }
    return current.toBuilder()
        .setDefaultPoolSize(inRange("pool_size", options.getPoolSize(), 1, POOL_SIZE_LIMIT))
        .build();
  }

  private static int inRange(String option, int value, int min, int max) {
    // uint32 arrives as a Java int: values above 2^31 show up negative.
    if (value < min || value > max) {
      throw Status.INVALID_ARGUMENT
          .withDescription(option + " must be between " + min + " and " + max + ", got " + Integer.toUnsignedString(value))
          .asRuntimeException();
    }
    return value;
  }
}
