package dev.hyperdrive.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.config.ConfigException;
import dev.hyperdrive.config.ConfigNode;
import dev.hyperdrive.config.HostPort;
import dev.hyperdrive.endpoint.config.DatabaseConfig;
import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.endpoint.config.TimeoutSettings;
import dev.hyperdrive.endpoint.config.SslMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointConfigTest {
  private static final String FULL = """
      site: london-1
      listen: 0.0.0.0:7100
      databases:
        - name: appdb
          origin:
            host: db.internal
            port: 5433
            user: app
            password: ${ORIGIN_PASSWORD}
            database: app
            sslmode: verify-full
            sslrootcert: /etc/hyperdrive/ca.pem
          pool:
            default_pool_size: 30
            min_pool_size: 2
            server_idle_timeout: 5m
            server_lifetime: 2h
            server_connect_timeout: 5s
            query_wait_timeout: 250ms
            query_timeout: 30s
            idle_transaction_timeout: 1m
            statement_timeout: 25s
        - name: reports
          url: postgres://reader:p%40ss@10.0.0.9/warehouse?sslmode=require
      """;

  @Test
  void readsEveryKeyOfTheDocumentedFile() {
    EndpointConfig config = parse(FULL);

    assertThat(config.site()).isEqualTo("london-1");
    assertThat(config.listen()).isEqualTo(new HostPort("0.0.0.0", 7100));
    DatabaseConfig app = config.databases().get(0);
    assertThat(app.name()).isEqualTo("appdb");
    assertThat(app.origin()).isEqualTo(new OriginConfig("db.internal", 5433, "app", "s3cret", "app",
        SslMode.VERIFY_FULL, Path.of("/etc/hyperdrive/ca.pem")));
    assertThat(app.pool()).isEqualTo(new PoolSettings(30, 2, Duration.ofMinutes(5), Duration.ofHours(2),
        Duration.ofSeconds(5), Duration.ofMillis(250), 200,
        new TimeoutSettings(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofSeconds(25))));
  }

  @Test
  void maxPreparedStatementsIsAPoolSetting() {
    assertThat(parse(withPoolKey("max_prepared_statements: 50")).databases().get(0).pool().maxPreparedStatements())
        .isEqualTo(50);
    assertThat(parse(FULL).databases().get(1).pool().maxPreparedStatements()).isEqualTo(200);
    assertError(withPoolKey("max_prepared_statements: 0"), "endpoint.yaml:20", "databases[0].pool.max_prepared_statements");
  }

  /** FULL with one more key in the first database's pool, indented like its neighbours. */
  private static String withPoolKey(String line) {
    String anchor = "query_wait_timeout: 250ms\n";
    int lineStart = FULL.lastIndexOf('\n', FULL.indexOf(anchor)) + 1;
    String indent = FULL.substring(lineStart, FULL.indexOf(anchor));
    return FULL.replace(anchor, anchor + indent + line + "\n");
  }

  @Test
  void theUrlFormAndPoolDefaults() {
    DatabaseConfig reports = parse(FULL).databases().get(1);

    assertThat(reports.origin()).isEqualTo(new OriginConfig("10.0.0.9", 5432, "reader", "p@ss", "warehouse",
        SslMode.REQUIRE, null));
    assertThat(reports.pool()).isEqualTo(PoolSettings.DEFAULTS);
    assertThat(PoolSettings.DEFAULTS).isEqualTo(new PoolSettings(20, 0, Duration.ofMinutes(10),
        Duration.ofHours(1), Duration.ofSeconds(15), Duration.ofSeconds(120), 200,
        new TimeoutSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO)));
  }

  @Test
  void placementIsOptionalAndMayStandAlone() {
    assertThat(parse(FULL).placement()).isNull();
    EndpointConfig config = parse("site: s\nplacement: placement.internal:7200\n");
    assertThat(config.placement()).isEqualTo(new HostPort("placement.internal", 7200));
    assertThat(config.databases()).isEmpty();
    assertError("site: s\nplacement: nowhere\n", "placement");
  }

  @Test
  void cacheSizeBoundsTheEndpointTierAndDefaultsTo64MB() {
    assertThat(parse("site: s\n").cacheSize()).isEqualTo(64L * 1024 * 1024);
    assertThat(parse("site: s\ncache_size: 256MB\n").cacheSize()).isEqualTo(256L * 1024 * 1024);
    assertThat(parse("site: s\ncache_size: 0\n").cacheSize()).isZero();
    assertError("site: s\ncache_size: lots\n", "cache_size");
  }

  @Test
  void theShippedExampleLoads() throws Exception {
    String example = java.nio.file.Files.readString(Path.of("../deploy/examples/endpoint.yaml"));
    EndpointConfig config = EndpointConfig.from(ConfigNode.parse(example, "endpoint.yaml", Map.of("ORIGIN_PASSWORD", "x")));
    assertThat(config.databases().get(0).pool()).isEqualTo(PoolSettings.DEFAULTS);
  }

  @Test
  void thePasswordNeverShowsInToString() {
    assertThat(parse(FULL).toString()).doesNotContain("s3cret").contains("app@db.internal:5433");
  }

  @Test
  void errorsNameTheFileLineAndKey() {
    assertError(FULL.replace("default_pool_size: 30", "default_pool_size: 0"),
        "endpoint.yaml:14", "databases[0].pool.default_pool_size");
    assertError(FULL.replace("sslmode: verify-full", "sslmode: prefer"),
        "endpoint.yaml:11", "databases[0].origin.sslmode", "verify-ca");
    assertError(FULL.replace("min_pool_size: 2", "min_pool_size: 31"),
        "endpoint.yaml:15", "databases[0].pool.min_pool_size");
    assertError(FULL.replace("query_wait_timeout: 250ms", "query_wait_timeout: soon"),
        "endpoint.yaml:19", "databases[0].pool.query_wait_timeout");
    assertError(FULL.replace("?sslmode=require", "?sslmode=require&sslcert=x"),
        "endpoint.yaml:24", "databases[1].url", "sslcert");
    assertError(FULL.replace("  - name: reports", "  - name: appdb"),
        "endpoint.yaml:23", "databases[1].name", "already configured");
    assertError(FULL.replace("query_timeout: 30s", "query_timeout: soon"),
        "endpoint.yaml:20", "databases[0].pool.query_timeout");
    assertError(FULL.replace("      sslrootcert: /etc/hyperdrive/ca.pem\n", ""),
        "databases[0].origin.sslrootcert", "verify-full");
    assertError(FULL.replace("      port: 5433", "      port: 5433\n      prot: 1"),
        "databases[0].origin.prot");
  }

  @Test
  void originAndUrlAreMutuallyExclusive() {
    String both = FULL.replace("    url: postgres", "    origin: {host: h, user: u, password: p}\n    url: postgres");
    assertError(both, "databases[1]", "exactly one");
    assertError("site: s\ndatabases:\n  - name: x\n", "databases[0]", "exactly one");
  }

  @Test
  void metricsAreOffByDefaultAndServedOnMetricsListen() {
    assertThat(parse(FULL).metricsListen()).isEmpty();
    assertThat(parse("site: s\nmetrics_listen: 127.0.0.1:9188\n").metricsListen())
        .hasValue(new HostPort("127.0.0.1", 9188));
    assertError("site: s\nmetrics_listen: nowhere\n", "metrics_listen");
  }

  private static EndpointConfig parse(String yaml) {
    return EndpointConfig.from(ConfigNode.parse(yaml, "endpoint.yaml", Map.of("ORIGIN_PASSWORD", "s3cret")));
  }

  private static void assertError(String yaml, String... parts) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains(parts));
  }
}
