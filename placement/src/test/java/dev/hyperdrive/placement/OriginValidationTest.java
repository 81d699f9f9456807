package dev.hyperdrive.placement;

import static dev.hyperdrive.placement.DatabaseLifecycleTest.assertStatus;
import static dev.hyperdrive.placement.PlacementHarness.origin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.proto.placement.CreateDatabaseRequest;
import dev.hyperdrive.proto.placement.ListDatabasesRequest;
import dev.hyperdrive.proto.probe.ConnectFailure;
import dev.hyperdrive.proto.probe.FailureKind;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The edge validator: each classified origin failure fails create at once, and nothing is saved. */
class OriginValidationTest {

  @TempDir Path dataDir;
  PlacementHarness harness;

  @BeforeEach
  void start() {
    harness = PlacementHarness.withScriptedSites(dataDir, "london-1/eu", "frankfurt-1/eu");
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @ParameterizedTest(name = "{0} -> {3}")
  @CsvSource(delimiter = '|', value = {
      "BAD_HOSTNAME       | db.internal: Name or service not known          |       | INVALID_ARGUMENT    | cannot resolve host 'db.internal' from site london-1",
      "CONNECTION_REFUSED | Connection refused                             |       | FAILED_PRECONDITION | connection to db.internal:5432 refused from site london-1",
      "TIMEOUT            | connect timed out after 5000 ms                |       | FAILED_PRECONDITION | no answer from db.internal:5432 in time",
      "TLS_REQUIRED       | no pg_hba.conf entry for host, no encryption   | 28000 | FAILED_PRECONDITION | add sslmode=require",
      "TLS_FAILED         | the server does not support SSL                |       | FAILED_PRECONDITION | check sslmode, that the server has ssl = on",
      "BAD_CREDENTIALS    | password authentication failed for user \"app\" | 28P01 | PERMISSION_DENIED   | the origin rejected user 'app' (SQLSTATE 28P01: password authentication failed",
      "UNKNOWN_DATABASE   | database \"appdb\" does not exist               | 3D000 | NOT_FOUND           | database 'appdb' does not exist on the origin at db.internal:5432",
      "OTHER              | sorry, too many clients already                | 53300 | FAILED_PRECONDITION | failed (SQLSTATE 53300: sorry, too many clients already)",
  })
  void eachClassifiedFailureHasItsStatusAndAdvice(FailureKind kind, String message, String sqlstate,
      Status.Code code, String advice) {
    harness.probe("london-1").failsWith(kind, message, sqlstate == null ? "" : sqlstate);

    assertThatThrownBy(() -> create("appdb")).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(code);
      assertThat(e.getStatus().getDescription()).contains(advice).contains(message);
      ConnectFailure trailer = e.getTrailers().get(OriginFailures.FAILURE_TRAILER);
      assertThat(trailer.getKind()).isEqualTo(kind);
      assertThat(trailer.getMessage()).isEqualTo(message);
    });

    assertThat(harness.control().listDatabases(ListDatabasesRequest.getDefaultInstance()).getDatabasesCount())
        .as("nothing saved").isZero();
    assertThat(harness.probe("frankfurt-1").validations).as("the first site that answers decides").isEmpty();
    assertThat(harness.probe("london-1").measurements).as("no placement run").isEmpty();
  }

  @Test
  void aSiteThatIsDownIsSkipped() {
    harness.probe("london-1").down(true);
    harness.probe("frankfurt-1").connectsIn(7);

    assertThat(create("appdb").getValidatedFromSite()).isEqualTo("frankfurt-1");
  }

  @Test
  void withEverySiteDownCreateIsUnavailableAndNothingIsSaved() {
    harness.probe("london-1").down(true);
    harness.probe("frankfurt-1").down(true);

    assertStatus(() -> create("appdb"), Status.Code.UNAVAILABLE, "london-1: UNAVAILABLE london-1 is down");
    assertThat(harness.control().listDatabases(ListDatabasesRequest.getDefaultInstance()).getDatabasesCount())
        .isZero();
  }

  private dev.hyperdrive.proto.placement.CreateDatabaseReply create(String name) {
    return harness.control().createDatabase(
        CreateDatabaseRequest.newBuilder().setName(name).setOrigin(origin("db.internal")).build());
  }
}
