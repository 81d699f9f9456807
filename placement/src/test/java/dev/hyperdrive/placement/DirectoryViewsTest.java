package dev.hyperdrive.placement;

import static dev.hyperdrive.placement.PlacementHarness.origin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.proto.placement.CreateDatabaseRequest;
import dev.hyperdrive.proto.placement.DatabaseOrigin;
import dev.hyperdrive.proto.placement.DeleteDatabaseRequest;
import dev.hyperdrive.proto.placement.EdgeCatalog;
import dev.hyperdrive.proto.placement.EdgeDatabase;
import dev.hyperdrive.proto.placement.GetCatalogRequest;
import dev.hyperdrive.proto.placement.GetOriginsRequest;
import dev.hyperdrive.proto.placement.WatchDatabasesRequest;
import dev.hyperdrive.proto.probe.FailureKind;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What edges and endpoints learn from placement, and what they never see. */
class DirectoryViewsTest {

  @TempDir Path dataDir;
  PlacementHarness harness;

  @BeforeEach
  void start() {
    harness = PlacementHarness.withScriptedSites(dataDir, "near/eu", "far/us", "broken/eu");
    harness.probe("near").connectsIn(3);
    harness.probe("far").connectsIn(90);
    harness.probe("broken").failsWith(FailureKind.TIMEOUT, "connect timed out", "");
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void aWatchGetsTheCatalogAtOnceAndAfterEveryChange() throws InterruptedException {
    BlockingQueue<EdgeCatalog> received = new LinkedBlockingQueue<>();
    Context.CancellableContext watch = Context.current().withCancellation();
    watch.run(() -> harness.edgeAsync().watchDatabases(
        WatchDatabasesRequest.newBuilder().setEdgeSite("chicago-1").build(), collectInto(received)));

    EdgeCatalog empty = next(received);
    assertThat(empty.getDatabasesList()).isEmpty();

    create("appdb");
    EdgeCatalog ranked = awaitCatalog(received, catalog -> catalog.getDatabasesCount() == 1
        && catalog.getDatabases(0).getRankedSitesCount() > 0);
    EdgeDatabase database = ranked.getDatabases(0);
    assertThat(database.getRankedSitesList()).as("sites that never connected are left out").containsExactly("near", "far");
    assertThat(database.getCredentials().getConnectionString()).startsWith("postgres://app:");
    assertThat(database.getCaching().getMaxAgeSeconds()).isEqualTo(60);
    assertThat(ranked.getVersion()).isNotEqualTo(empty.getVersion());
    assertThat(ranked.toString()).doesNotContain("origin-secret").doesNotContain("db.internal");

    harness.control().deleteDatabase(DeleteDatabaseRequest.newBuilder().setName("appdb").build());
    awaitCatalog(received, catalog -> catalog.getDatabasesCount() == 0);
    watch.cancel(null);
  }

  @Test
  void aPollSeesTheSameCatalog() throws InterruptedException {
    create("appdb");
    harness.awaitRanking("appdb");

    EdgeCatalog catalog = harness.edge().getCatalog(GetCatalogRequest.newBuilder().setEdgeSite("chicago-1").build());

    assertThat(catalog.getDatabasesList()).singleElement()
        .satisfies(database -> assertThat(database.getRankedSitesList()).containsExactly("near", "far"));
  }

  @Test
  void endpointsGetTheOriginSettingsWithThePassword() {
    create("appdb");

    DatabaseOrigin origin = harness.endpoint()
        .getOrigins(GetOriginsRequest.newBuilder().setEndpointSite("near").build())
        .getDatabases(0);

    assertThat(origin.getName()).isEqualTo("appdb");
    assertThat(origin.getOrigin()).isEqualTo(origin("db.internal").toBuilder()
        .setSslmode(dev.hyperdrive.proto.probe.SslMode.SSL_MODE_DISABLE).build());
    assertThat(origin.getPool().getDefaultPoolSize()).isEqualTo(20);
  }

  private void create(String name) {
    harness.control().createDatabase(
        CreateDatabaseRequest.newBuilder().setName(name).setOrigin(origin("db.internal")).build());
  }

  private static EdgeCatalog next(BlockingQueue<EdgeCatalog> received) throws InterruptedException {
    EdgeCatalog catalog = received.poll(10, TimeUnit.SECONDS);
    assertThat(catalog).as("a catalog within 10 s").isNotNull();
    return catalog;
  }

  private static EdgeCatalog awaitCatalog(BlockingQueue<EdgeCatalog> received,
      java.util.function.Predicate<EdgeCatalog> wanted) throws InterruptedException {
    while (true) {
      EdgeCatalog catalog = next(received);
      if (wanted.test(catalog)) {
        return catalog;
      }
    }
  }

  private static StreamObserver<EdgeCatalog> collectInto(BlockingQueue<EdgeCatalog> received) {
    return new StreamObserver<>() {
      @Override
      public void onNext(EdgeCatalog catalog) {
        received.add(catalog);
      }

      @Override
      public void onError(Throwable error) {
        // Cancelled by the test at the end.
      }

      @Override
      public void onCompleted() {
      }
    };
  }
}
