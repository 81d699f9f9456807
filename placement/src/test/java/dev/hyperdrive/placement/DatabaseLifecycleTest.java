package dev.hyperdrive.placement;

import static dev.hyperdrive.placement.PlacementHarness.origin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.proto.placement.CreateDatabaseReply;
import dev.hyperdrive.proto.placement.CreateDatabaseRequest;
import dev.hyperdrive.proto.placement.Database;
import dev.hyperdrive.proto.placement.DatabaseOptions;
import dev.hyperdrive.proto.placement.DeleteDatabaseRequest;
import dev.hyperdrive.proto.placement.GetDatabaseRequest;
import dev.hyperdrive.proto.placement.ListDatabasesRequest;
import dev.hyperdrive.proto.placement.UpdateDatabaseRequest;
import dev.hyperdrive.proto.probe.FailureKind;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Create, get, list, update and delete through the control API, over the real file store. */
class DatabaseLifecycleTest {

  @TempDir Path dataDir;
  PlacementHarness harness;

  @BeforeEach
  void start() {
    harness = PlacementHarness.withScriptedSites(dataDir, "london-1/eu", "frankfurt-1/eu");
    harness.probe("london-1").connectsIn(4);
    harness.probe("frankfurt-1").connectsIn(9);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void createValidatesFromTheFirstSiteAndIssuesEdgeCredentials() {
    CreateDatabaseReply reply = harness.control().createDatabase(CreateDatabaseRequest.newBuilder()
        .setName("appdb")
        .setOrigin(origin("db.internal").toBuilder().clearPort())
        .build());

    assertThat(reply.getValidatedFromSite()).isEqualTo("london-1");
    assertThat(reply.getValidationSetupMicros()).isEqualTo(4_000);
    assertThat(reply.getServerVersion()).isEqualTo("17.5");
    assertThat(harness.probe("london-1").validations).singleElement()
        .satisfies(request -> assertThat(request.getOrigin().getPassword()).isEqualTo("origin-secret"));
    assertThat(harness.probe("frankfurt-1").validations).isEmpty();

    Database database = reply.getDatabase();
    assertThat(database.getOrigin().getPort()).as("default port filled in").isEqualTo(5432);
    assertThat(database.getCaching().getMaxAgeSeconds()).isEqualTo(60);
    assertThat(database.getCaching().getStaleWhileRevalidateSeconds()).isEqualTo(15);
    assertThat(database.getPool().getDefaultPoolSize()).isEqualTo(20);
    assertThat(database.getEdgeCredentials().getUser()).isEqualTo("app");
    assertThat(database.getEdgeCredentials().getPassword()).hasSize(32).isNotEqualTo("origin-secret");
    assertThat(database.getEdgeCredentials().getConnectionString())
        .isEqualTo("postgres://app:" + database.getEdgeCredentials().getPassword() + "@localhost:6432/appdb");
    assertThat(database.toString()).doesNotContain("origin-secret");
  }

  @Test
  void getAndListShowTheDatabaseButNeverTheOriginPassword() {
    create("zeta");
    create("alpha");

    Database alpha = harness.control().getDatabase(GetDatabaseRequest.newBuilder().setName("alpha").build());
    assertThat(alpha.getOrigin().getHost()).isEqualTo("db.internal");
    assertThat(harness.control().listDatabases(ListDatabasesRequest.getDefaultInstance()).getDatabasesList())
        .extracting(Database::getName)
        .containsExactly("alpha", "zeta");
    assertThat(harness.control().listDatabases(ListDatabasesRequest.getDefaultInstance()).toString())
        .doesNotContain("origin-secret");
  }

  @Test
  void optionsAreAppliedAndCheckedBeforeAnySiteIsAsked() {
    Database database = harness.control().createDatabase(CreateDatabaseRequest.newBuilder()
        .setName("tuned")
        .setOrigin(origin("db.internal"))
        .setOptions(DatabaseOptions.newBuilder().setCachingDisabled(true).setMaxAgeSeconds(5).setPoolSize(3)
            .setCatalogCacheDisabled(true))
        .build()).getDatabase();
    assertThat(database.getCaching().getDisabled()).isTrue();
    assertThat(database.getCaching().getCatalogCacheDisabled()).isTrue();
    assertThat(database.getCaching().getMaxAgeSeconds()).isEqualTo(5);
    assertThat(database.getPool().getDefaultPoolSize()).isEqualTo(3);

    assertStatus(() -> harness.control().createDatabase(CreateDatabaseRequest.newBuilder()
        .setName("huge").setOrigin(origin("db.internal")).setOptions(DatabaseOptions.newBuilder().setPoolSize(0))
        .build()), Status.Code.INVALID_ARGUMENT, "pool_size must be between 1 and 10000, got 0");
    assertStatus(() -> harness.control().createDatabase(CreateDatabaseRequest.newBuilder()
        .setName("nohost").setOrigin(origin("").toBuilder().clearUser()).build()),
        Status.Code.INVALID_ARGUMENT, "need a host, a user");
    assertStatus(() -> harness.control().createDatabase(CreateDatabaseRequest.newBuilder()
        .setName("bad/name").setOrigin(origin("db.internal")).build()),
        Status.Code.INVALID_ARGUMENT, "must start with a letter");
    assertThat(harness.probe("london-1").validations).hasSize(1);
  }

  @Test
  void aTakenNameIsRefused() {
    create("appdb");

    assertStatus(() -> create("appdb"), Status.Code.ALREADY_EXISTS, "use update to change it");
  }

  @Test
  void updateChangesOnlyTheGivenOptions() {
    create("appdb");

    Database updated = harness.control().updateDatabase(UpdateDatabaseRequest.newBuilder()
        .setName("appdb")
        .setOptions(DatabaseOptions.newBuilder().setStaleWhileRevalidateSeconds(0))
        .build());

    assertThat(updated.getCaching().getStaleWhileRevalidateSeconds()).isZero();
    assertThat(updated.getCaching().getMaxAgeSeconds()).isEqualTo(60);
    assertThat(harness.probe("london-1").validations).as("no new origin, no validation").hasSize(1);
  }

  @Test
  void anUpdatedOriginIsValidatedAndARejectedOneChangesNothing() {
    create("appdb");
    harness.probe("london-1").failsWith(FailureKind.BAD_CREDENTIALS,
        "password authentication failed for user \"app\"", "28P01");

    assertStatus(() -> harness.control().updateDatabase(UpdateDatabaseRequest.newBuilder()
        .setName("appdb").setOrigin(origin("db2.internal")).build()),
        Status.Code.PERMISSION_DENIED, "check the user and password");
    assertThat(get("appdb").getOrigin().getHost()).isEqualTo("db.internal");

    harness.probe("london-1").connectsIn(4);
    Database updated = harness.control().updateDatabase(UpdateDatabaseRequest.newBuilder()
        .setName("appdb").setOrigin(origin("db2.internal")).build());
    assertThat(updated.getOrigin().getHost()).isEqualTo("db2.internal");
    assertThat(updated.getEdgeCredentials()).as("edge credentials survive an origin change")
        .isEqualTo(get("appdb").getEdgeCredentials());
  }

  @Test
  void deleteRemovesTheDatabase() {
    create("appdb");

    harness.control().deleteDatabase(DeleteDatabaseRequest.newBuilder().setName("appdb").build());

    assertStatus(() -> get("appdb"), Status.Code.NOT_FOUND, "no database named 'appdb'");
    assertStatus(() -> harness.control().deleteDatabase(DeleteDatabaseRequest.newBuilder().setName("appdb").build()),
        Status.Code.NOT_FOUND, "no database named 'appdb'");
  }

  @Test
  void theRegistrySurvivesARestart() throws InterruptedException {
    Database created = create("appdb").getDatabase();
    harness.awaitRanking("appdb");

    harness.restartPlacement();

    Database afterRestart = get("appdb");
    assertThat(afterRestart).isEqualTo(created.toBuilder().setChosenSite("london-1").build());
    assertThat(harness.awaitRanking("appdb").getRanking().getSites(0).getSite()).isEqualTo("london-1");
  }

  private CreateDatabaseReply create(String name) {
    return harness.control().createDatabase(
        CreateDatabaseRequest.newBuilder().setName(name).setOrigin(origin("db.internal")).build());
  }

  private Database get(String name) {
    return harness.control().getDatabase(GetDatabaseRequest.newBuilder().setName(name).build());
  }

  static void assertStatus(Runnable call, Status.Code code, String messagePart) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(code);
          assertThat(e.getStatus().getDescription()).contains(messagePart);
        });
  }
}
