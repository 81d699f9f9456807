package dev.hyperdrive.edge;

import dev.hyperdrive.auth.AuthMethod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.config.ConfigException;
import dev.hyperdrive.config.ConfigNode;
import dev.hyperdrive.config.HostPort;
import dev.hyperdrive.edge.cache.CacheSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeConfigTest {
  private static final String EXAMPLE = """
      site: chicago-1
      listen: 127.0.0.1:6432
      tls: {cert: edge.pem, key: edge.key}
      endpoints:
        - name: london-1
          address: 10.0.0.2:7100
        - name: paris-1
          address: 10.0.0.3:7100
      databases:
        - name: appdb
          user: app
          password: ${EDGE_APP_PASSWORD}
          auth_method: scram-sha-256
          endpoints: [paris-1, london-1]
        - name: reports
          user: reporter
          password: r
          auth_method: md5
      """;

  @Test
  void readsTheDocumentedExample() {
    EdgeConfig config = parse(EXAMPLE);
    assertThat(config.site()).isEqualTo("chicago-1");
    assertThat(config.listen()).isEqualTo(new HostPort("127.0.0.1", 6432));
    assertThat(config.tls()).contains(new EdgeConfig.Tls(Path.of("edge.pem"), Path.of("edge.key")));
    assertThat(config.endpoints()).containsExactly(
        new EdgeConfig.Endpoint("london-1", new HostPort("10.0.0.2", 7100)),
        new EdgeConfig.Endpoint("paris-1", new HostPort("10.0.0.3", 7100)));
    EdgeConfig.Database appdb = config.database("appdb").orElseThrow();
    assertThat(appdb.password()).isEqualTo("s3cret");
    assertThat(appdb.authMethod()).isEqualTo(AuthMethod.SCRAM_SHA_256);
    assertThat(appdb.endpoints()).containsExactly("paris-1", "london-1");
    assertThat(appdb.toString()).doesNotContain("s3cret");
    EdgeConfig.Database reports = config.database("reports").orElseThrow();
    assertThat(reports.authMethod()).isEqualTo(AuthMethod.MD5);
    assertThat(reports.endpoints()).as("default: every endpoint in file order").containsExactly("london-1", "paris-1");
  }

  @Test
  void authMethodDefaultsToScram() {
    EdgeConfig config = parse(EXAMPLE.replace("    auth_method: md5\n", ""));
    assertThat(config.database("reports").orElseThrow().authMethod()).isEqualTo(AuthMethod.SCRAM_SHA_256);
  }

  @Test
  void anUnknownEndpointInAPreferenceListNamesTheLineAndKey() {
    assertThatThrownBy(() -> parse(EXAMPLE.replace("[paris-1, london-1]", "[tokyo-1]")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("edge.yaml:14")
        .hasMessageContaining("endpoints")
        .hasMessageContaining("unknown endpoint 'tokyo-1'");
  }

  @Test
  void unknownKeysAndBadAuthMethodsAreRefused() {
    assertThatThrownBy(() -> parse(EXAMPLE.replace("site: chicago-1", "site: chicago-1\nlisten_addr: x")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("listen_addr");
    assertThatThrownBy(() -> parse(EXAMPLE.replace("auth_method: md5", "auth_method: trust")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("auth_method");
  }

  @Test
  void aStoredSecretMustFitTheAuthMethod() {
    String md5Hash = "md5" + "0123456789abcdef0123456789abcdef";
    assertThatThrownBy(() -> parse(EXAMPLE.replace("${EDGE_APP_PASSWORD}", md5Hash)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("databases[0].password")
        .hasMessageContaining("md5 hash cannot check scram-sha-256");
    assertThat(parse(EXAMPLE.replace("password: r", "password: " + md5Hash)).database("reports")).isPresent();
  }

  @Test
  void databasesAndEndpointsAreRequired() {
    assertThatThrownBy(() -> parse("site: x\nendpoints: []\ndatabases: []\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("endpoints");
  }

  @Test
  void cacheSettingsDefaultPerDatabaseAndCanBeSetOrDisabled() {
    EdgeConfig defaults = parse(EXAMPLE);
    assertThat(defaults.cacheSize()).isEqualTo(64L * 1024 * 1024);
    assertThat(defaults.databases().get(0).cache()).isEqualTo(CacheSettings.DEFAULT);
    assertThat(CacheSettings.DEFAULT.maxAge()).isEqualTo(Duration.ofSeconds(60));
    assertThat(CacheSettings.DEFAULT.staleWhileRevalidate()).isEqualTo(Duration.ofSeconds(15));
    assertThat(CacheSettings.DEFAULT.maxCachedResultBytes()).isEqualTo(1024 * 1024);

    EdgeConfig configured = parse("cache_size: 256MB\n"
        + withCache(withCache(EXAMPLE, "endpoints: [paris-1, london-1]",
            "{max_age: 5m, stale_while_revalidate: 0s, max_cached_result_bytes: 64kB}"),
            "auth_method: md5", "{enabled: false, catalog_cache: false}"));
    assertThat(configured.cacheSize()).isEqualTo(256L * 1024 * 1024);
    assertThat(configured.databases().get(0).cache())
        .isEqualTo(new CacheSettings(true, Duration.ofMinutes(5), Duration.ZERO, 64 * 1024));
    assertThat(configured.databases().get(0).cache().catalogCache()).isTrue();
    assertThat(configured.databases().get(1).cache().enabled()).isFalse();
    assertThat(configured.databases().get(1).cache().catalogCache()).isFalse();
  }

  @Test
  void maxAgeIsAtMostAnHourAndUnknownCacheKeysAreRefused() {
    assertThatThrownBy(() -> parse(withCache(EXAMPLE, "auth_method: md5", "{max_age: 2h}")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("databases[1].cache.max_age").hasMessageContaining("at most 1h");
    assertThatThrownBy(() -> parse(withCache(EXAMPLE, "auth_method: md5", "{ttl: 5s}")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ttl");
  }

  /** Adds {@code cache: value} to the database entry holding the line {@code after}. */
  private static String withCache(String yaml, String after, String value) {
    String line = "    " + after + "\n";
    assertThat(yaml).contains(line);
    return yaml.replace(line, line + "    cache: " + value + "\n");
  }

  @Test
  void withPlacementTheFileNeedsNoDatabasesAndEndpointsCarryRegions() {
    EdgeConfig config = parse("""
        site: chicago-1
        region: us-central
        placement: placement.internal:7200
        endpoints:
          - {name: london-1, address: 10.0.0.2:7100, region: eu-west}
          - {name: chicago-ep, address: 10.0.0.4:7100, region: us-central}
          - {name: anywhere, address: 10.0.0.5:7100}
        """);
    assertThat(config.region()).contains("us-central");
    assertThat(config.placement()).contains(new HostPort("placement.internal", 7200));
    assertThat(config.databases()).isEmpty();
    assertThat(config.endpoints()).extracting(EdgeConfig.Endpoint::region)
        .containsExactly(java.util.Optional.of("eu-west"), java.util.Optional.of("us-central"), java.util.Optional.empty());
    assertThat(parse(EXAMPLE).placement()).isEmpty();
    assertThat(parse(EXAMPLE).region()).isEmpty();
  }

  @Test
  void withoutPlacementDatabasesAreRequiredAndABadPlacementAddressNamesItsKey() {
    assertThatThrownBy(() -> parse("site: x\nendpoints: [{name: e, address: 'h:1'}]\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("databases")
        .hasMessageContaining("name a placement service");
    assertThatThrownBy(() -> parse("site: x\nplacement: nowhere\nendpoints: [{name: e, address: 'h:1'}]\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("edge.yaml:2").hasMessageContaining("placement");
  }

  @Test
  void recordsCanBeBuiltInCode() {
    EdgeConfig config = new EdgeConfig("s", new HostPort("127.0.0.1", 0), java.util.Optional.empty(),
        List.of(new EdgeConfig.Endpoint("e", new HostPort("127.0.0.1", 7100))),
        List.of(new EdgeConfig.Database("d", "u", "p", AuthMethod.CLEARTEXT, List.of("e"))));
    assertThat(config.database("d")).isPresent();
    assertThat(config.database("nope")).isEmpty();
  }

  @Test
  void metricsAreOffByDefaultAndServedOnMetricsListen() {
    assertThat(parse(EXAMPLE).metricsListen()).isEmpty();
    assertThat(parse(EXAMPLE + "metrics_listen: 0.0.0.0:9187\n").metricsListen())
        .hasValue(new HostPort("0.0.0.0", 9187));
    assertThatThrownBy(() -> parse(EXAMPLE + "metrics_listen: 9187\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("metrics_listen");
  }

  private static EdgeConfig parse(String yaml) {
    return EdgeConfig.from(ConfigNode.parse(yaml, "edge.yaml", Map.of("EDGE_APP_PASSWORD", "s3cret")));
  }
}
