package dev.hyperdrive.edge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.auth.AuthMethod;
import dev.hyperdrive.config.HostPort;
import dev.hyperdrive.edge.EdgeConfig;
import dev.hyperdrive.proto.placement.Caching;
import dev.hyperdrive.proto.placement.EdgeCatalog;
import dev.hyperdrive.proto.placement.EdgeCredentials;
import dev.hyperdrive.proto.placement.EdgeDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EdgeDatabasesTest {
  private static final List<EdgeConfig.Endpoint> ENDPOINTS = List.of(
      new EdgeConfig.Endpoint("near", new HostPort("near", 7100), Optional.of("r1")),
      new EdgeConfig.Endpoint("mid", new HostPort("mid", 7100), Optional.of("r1")),
      new EdgeConfig.Endpoint("far", new HostPort("far", 7100), Optional.of("r2")));
  private static final EdgeConfig.Database FILE_DB =
      new EdgeConfig.Database("filedb", "fileuser", "filepw", AuthMethod.MD5, List.of("far"));

  private final EdgeDatabases databases = new EdgeDatabases(new EdgeConfig("edge", new HostPort("127.0.0.1", 0),
      Optional.empty(), ENDPOINTS, List.of(FILE_DB), Optional.of("r1"), Optional.of(new HostPort("p", 7200))));

  @Test
  void learnsCredentialsCachingAndTheRankingFromTheCatalog() {
    databases.apply(catalog(1, database("appdb", "app", "pw1", List.of("mid", "near", "far"))));

    EdgeConfig.Database appdb = databases.database("appdb").orElseThrow();
    assertThat(appdb.user()).isEqualTo("app");
    assertThat(appdb.password()).isEqualTo("pw1");
    assertThat(appdb.authMethod()).isEqualTo(AuthMethod.SCRAM_SHA_256);
    assertThat(appdb.endpoints()).containsExactly("mid", "near", "far");
    assertThat(databases.caching("appdb")).contains(Caching.newBuilder().setMaxAgeSeconds(60).build());
    assertThat(databases.names()).containsExactly("filedb", "appdb");
    assertThat(databases.catalogSeen()).isTrue();
    assertThat(appdb.cache().catalogCache()).isTrue();
  }

  @Test
  void placementCanTurnTheCatalogCacheOff() {
    EdgeDatabase quiet = database("appdb", "app", "pw1", List.of()).toBuilder()
        .setCaching(Caching.newBuilder().setDisabled(true).setCatalogCacheDisabled(true)).build();
    databases.apply(catalog(1, quiet));
    EdgeConfig.Database appdb = databases.database("appdb").orElseThrow();
    assertThat(appdb.cache().enabled()).isFalse();
    assertThat(appdb.cache().catalogCache()).isFalse();
  }

  @Test
  void withoutARankingTheOwnRegionIsHashed() {
    databases.apply(catalog(1, database("appdb", "app", "pw", List.of())));
    assertThat(databases.database("appdb").orElseThrow().endpoints())
        .isEqualTo(new EndpointPreference(new EdgeConfig("edge", new HostPort("127.0.0.1", 0), Optional.empty(),
            ENDPOINTS, List.of(), Optional.of("r1"), Optional.empty())).rendezvous("appdb"))
        .last().isEqualTo("far");
  }

  @Test
  void eachCatalogReplacesTheLastAndAnnouncesOnlyNewDatabases() {
    List<List<String>> added = new ArrayList<>();
    databases.onDatabasesAdded(added::add);
    databases.apply(catalog(1, database("a", "u", "p", List.of()), database("b", "u", "p", List.of())));
    databases.apply(catalog(2, database("b", "u", "p2", List.of("near")), database("c", "u", "p", List.of())));

    assertThat(added).containsExactly(List.of("a", "b"), List.of("c"));
    assertThat(databases.database("a")).as("deleted in placement").isEmpty();
    assertThat(databases.database("b").orElseThrow().password()).isEqualTo("p2");
    assertThat(databases.database("b").orElseThrow().endpoints()).containsExactly("near");
  }

  @Test
  void theFileWinsOverPlacementAndDatabasesWithoutCredentialsAreNotServed() {
    databases.apply(catalog(1, database("filedb", "other", "other", List.of("near")),
        EdgeDatabase.newBuilder().setName("nocreds").build()));

    assertThat(databases.database("filedb")).contains(FILE_DB);
    assertThat(databases.caching("filedb")).isEmpty();
    assertThat(databases.database("nocreds")).isEmpty();
  }

  private static EdgeCatalog catalog(long version, EdgeDatabase... entries) {
    return EdgeCatalog.newBuilder().setVersion(version).addAllDatabases(List.of(entries)).build();
  }

  private static EdgeDatabase database(String name, String user, String password, List<String> ranking) {
    return EdgeDatabase.newBuilder()
        .setName(name)
        .setCredentials(EdgeCredentials.newBuilder().setUser(user).setPassword(password))
        .setCaching(Caching.newBuilder().setMaxAgeSeconds(60))
        .addAllRankedSites(ranking)
        .build();
  }
}
