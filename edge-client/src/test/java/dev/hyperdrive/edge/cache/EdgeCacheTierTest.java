package dev.hyperdrive.edge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.cache.CacheStatus;
import dev.hyperdrive.cache.CatalogFunctionVolatility;
import dev.hyperdrive.cache.Classification;
import dev.hyperdrive.cache.FunctionRow;
import dev.hyperdrive.cache.QueryContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdgeCacheTierTest {
  private static final QueryContext OUTSIDE_TRANSACTION = new QueryContext(true, false, true);

  private final EdgeCacheTier tier = new EdgeCacheTier(1 << 20, Clock.systemUTC());

  private Classification classify(String database, String sql) {
    return tier.classifier(database).classify(sql, OUTSIDE_TRANSACTION);
  }

  private static CacheStatus status(Classification classification) {
    return classification instanceof Classification.Bypass bypass ? bypass.status() : CacheStatus.MISS;
  }

  @Test
  void eachDatabaseIsJudgedByItsOwnOriginsCatalogOnceKnown() {
    assertThat(status(classify("appdb", "SELECT app.slugify('x')"))).isEqualTo(CacheStatus.VOLATILE);

    List<FunctionRow> appCatalog = new ArrayList<>(CatalogFunctionVolatility.builtinRows());
    appCatalog.add(FunctionRow.of("app", "slugify", 'i'));
    appCatalog.add(FunctionRow.of("app", "current_tenant", 's'));
    tier.learnFunctions("appdb", appCatalog);

    assertThat(classify("appdb", "SELECT app.slugify('x')").cacheable()).isTrue();
    assertThat(classify("appdb", "SELECT slugify('x')").cacheable()).isTrue();
    assertThat(status(classify("appdb", "SELECT app.current_tenant()"))).isEqualTo(CacheStatus.VOLATILE);
    assertThat(status(classify("appdb", "SELECT now()"))).isEqualTo(CacheStatus.VOLATILE);
    assertThat(classify("appdb", "SELECT lower('X')").cacheable()).isTrue();
    // Another database's origin has no such function: still unknown there, hence volatile.
    assertThat(status(classify("otherdb", "SELECT app.slugify('x')"))).isEqualTo(CacheStatus.VOLATILE);
  }
}
