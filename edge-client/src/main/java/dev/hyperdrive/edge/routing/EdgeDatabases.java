package dev.hyperdrive.edge.routing;

import dev.hyperdrive.auth.AuthMethod;
import dev.hyperdrive.edge.EdgeConfig;
import dev.hyperdrive.edge.cache.CacheSettings;
import dev.hyperdrive.proto.placement.Caching;
import dev.hyperdrive.proto.placement.EdgeCatalog;
import dev.hyperdrive.proto.placement.EdgeDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The databases this edge serves right now: those in its own file, plus those learned from placement's
 * latest catalog (each with its edge-issued credentials, caching settings and endpoint order). Each
 * catalog replaces the learned set whole; lookups see either the old or the new set, never a mix. A
 * name in the file wins over the same name from placement (the operator wrote it for this edge). The
 * last catalog is kept in memory only: when placement is unreachable the edge goes on with it, and an
 * edge that starts while placement is down serves its file's databases until placement answers.
 */
public final class EdgeDatabases {
  /** A database learned from placement. */
  public record Learned(EdgeConfig.Database database, Caching caching) {}

  private static final Logger log = LoggerFactory.getLogger(EdgeDatabases.class);

  private final Map<String, EdgeConfig.Database> fromFile = new LinkedHashMap<>();
  private final EndpointPreference preference;
  private final List<Consumer<List<String>>> additionListeners = new CopyOnWriteArrayList<>();
  private volatile Map<String, Learned> learned = Map.of();
  private volatile long catalogVersion;
  private volatile boolean catalogSeen;

  public EdgeDatabases(EdgeConfig config) {
    config.databases().forEach(database -> fromFile.put(database.name(), database));
    preference = new EndpointPreference(config);
  }

  /** The database drivers name, if this edge serves it. */
  public Optional<EdgeConfig.Database> database(String name) {
    EdgeConfig.Database configured = fromFile.get(name);
    if (configured != null) {
      return Optional.of(configured);
    }
    return Optional.ofNullable(learned.get(name)).map(Learned::database);
  }

  /** Placement's caching settings for a learned database. */
  public Optional<Caching> caching(String name) {
    if (fromFile.containsKey(name)) {
      return Optional.empty();
    }
    return Optional.ofNullable(learned.get(name)).map(Learned::caching);
  }

  /** Every database served now: the file's, then placement's, by name. */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>(fromFile.keySet());
    names.addAll(learned.keySet());
    return names;
  }

  /** Whether a catalog from placement has been applied yet. */
  public boolean catalogSeen() {
    return catalogSeen;
  }

  /** Called with the names of databases that a catalog added (to warm what they need). */
  public void onDatabasesAdded(Consumer<List<String>> listener) {
    additionListeners.add(listener);
  }

  /** Replaces what was learned from placement with {@code catalog}. */
  public synchronized void apply(EdgeCatalog catalog) {
    if (catalogSeen && catalog.getVersion() == catalogVersion) {
      return;
    }
    Map<String, Learned> previous = learned;
    Map<String, Learned> next = new LinkedHashMap<>();
    for (EdgeDatabase database : catalog.getDatabasesList()) {
      learnedFrom(database).ifPresent(entry -> next.put(database.getName(), entry));
    }
    learned = Map.copyOf(next);
    catalogVersion = catalog.getVersion();
    catalogSeen = true;
    List<String> added = new ArrayList<>();
    next.forEach((name, entry) -> {
      Learned before = previous.get(name);
      if (before == null) {
        added.add(name);
      }
      if (before == null || !before.database().endpoints().equals(entry.database().endpoints())) {
        log.info("database {}: sessions go to endpoints {} in this order", name, entry.database().endpoints());
      }
    });
    previous.keySet().stream().filter(name -> !next.containsKey(name))
        .forEach(name -> log.info("database {}: removed by placement", name));
    if (!added.isEmpty()) {
      additionListeners.forEach(listener -> listener.accept(List.copyOf(added)));
    }
  }

  private Optional<Learned> learnedFrom(EdgeDatabase database) {
    String name = database.getName();
    if (fromFile.containsKey(name)) {
      log.debug("database {}: configured in the edge's file, placement's entry ignored", name);
      return Optional.empty();
    }
    if (!database.hasCredentials() || database.getCredentials().getUser().isEmpty()
        || database.getCredentials().getPassword().isEmpty()) {
      log.warn("database {}: placement sent no edge credentials; not served", name);
      return Optional.empty();
    }
    List<String> ranked = database.getRankedSitesList();
    if (!ranked.isEmpty() && !preference.usesRanking(ranked)) {
      log.warn("database {}: ranked sites {} have no endpoint in this edge's file; using rendezvous order",
          name, ranked);
    }
    Caching caching = database.getCaching();
    EdgeConfig.Database served = new EdgeConfig.Database(name, database.getCredentials().getUser(),
        database.getCredentials().getPassword(), AuthMethod.SCRAM_SHA_256, preference.forDatabase(name, ranked),
        CacheSettings.fromPlacement(caching.getDisabled(), caching.getMaxAgeSeconds(),
            caching.getStaleWhileRevalidateSeconds(), !caching.getCatalogCacheDisabled()));
    return Optional.of(new Learned(served, database.getCaching()));
  }
}
