package dev.hyperdrive.placement.cli;

import dev.hyperdrive.proto.placement.DatabaseOptions;
import picocli.CommandLine.Option;

/** The caching and pool options shared by {@code create} and {@code update}. */
final class DatabaseOptionsMixin {

  @Option(names = "--caching-disabled", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "Turn query caching off (or back on with =false). Default: caching on.")
  Boolean cachingDisabled;

  @Option(names = "--catalog-cache-disabled", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "Turn the edges' driver catalog cache off (or back on with =false). Default: on.")
  Boolean catalogCacheDisabled;

  @Option(names = "--max-age", paramLabel = "S",
      description = "Seconds a cached result is fresh (1-86400). Default: 60.")
  Integer maxAge;

  @Option(names = "--swr", paramLabel = "S",
      description = "stale_while_revalidate: seconds a stale result may still be served while it is refreshed "
          + "(0-86400). Default: 15.")
  Integer staleWhileRevalidate;

  @Option(names = "--pool-size", paramLabel = "N",
      description = "Origin connections per endpoint site (default_pool_size, 1-10000). Default: 20.")
  Integer poolSize;

  DatabaseOptions toProto() {
    DatabaseOptions.Builder options = DatabaseOptions.newBuilder();
    if (cachingDisabled != null) {
      options.setCachingDisabled(cachingDisabled);
    }
    if (catalogCacheDisabled != null) {
      options.setCatalogCacheDisabled(catalogCacheDisabled);
    }
    if (maxAge != null) {
      options.setMaxAgeSeconds(maxAge);
    }
    if (staleWhileRevalidate != null) {
      options.setStaleWhileRevalidateSeconds(staleWhileRevalidate);
    }
    if (poolSize != null) {
      options.setPoolSize(poolSize);
    }
    return options.build();
  }
}
