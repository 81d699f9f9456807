package dev.hyperdrive.endpoint.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.endpoint.origin.OriginConnectException;
import dev.hyperdrive.endpoint.origin.OriginFailureKind;
import dev.hyperdrive.proto.probe.ConnectFailure;
import dev.hyperdrive.proto.probe.FailureKind;
import dev.hyperdrive.wire.backend.ErrorResponse;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** The classification table of placement/README.md, one row per line. */
class FailureClassifierTest {

  @Test
  void networkFailuresCarryTheOperatingSystemsWordsAndNoSqlState() {
    assertClassified(composed(OriginFailureKind.UNKNOWN_HOST, new UnknownHostException("db.invalid: Name or service not known")),
        FailureKind.BAD_HOSTNAME, "db.invalid: Name or service not known", "");
    assertClassified(composed(OriginFailureKind.UNREACHABLE, new ConnectException("Connection refused")),
        FailureKind.CONNECTION_REFUSED, "Connection refused", "");
    assertClassified(composed(OriginFailureKind.UNREACHABLE, new NoRouteToHostException("No route to host")),
        FailureKind.CONNECTION_REFUSED, "No route to host", "");
    assertClassified(composed(OriginFailureKind.TIMED_OUT, null), FailureKind.TIMEOUT, "composed by the endpoint", "");
  }

  @Test
  void tlsNotOfferedAndHandshakeFailuresAreTlsFailed() {
    assertClassified(composed(OriginFailureKind.TLS_NOT_OFFERED, null), FailureKind.TLS_FAILED, "composed by the endpoint", "");
    assertClassified(composed(OriginFailureKind.TLS_HANDSHAKE, null), FailureKind.TLS_FAILED, "composed by the endpoint", "");
  }

  @Test
  void theOriginsOwnErrorsAreClassifiedBySqlStateAndKeepIt() {
    assertClassified(fromOrigin("28P01", "password authentication failed for user \"app\""),
        FailureKind.BAD_CREDENTIALS, "password authentication failed", "28P01");
    assertClassified(fromOrigin("28000", "role \"nobody\" does not exist"), FailureKind.BAD_CREDENTIALS, "nobody", "28000");
    assertClassified(fromOrigin("28000",
        "no pg_hba.conf entry for host \"10.0.0.2\", user \"app\", database \"app\", no encryption"),
        FailureKind.TLS_REQUIRED, "no encryption", "28000");
    assertClassified(fromOrigin("3D000", "database \"nosuch\" does not exist"), FailureKind.UNKNOWN_DATABASE, "nosuch",
        "3D000");
    assertClassified(fromOrigin("53300", "sorry, too many clients already"), FailureKind.OTHER, "too many clients", "53300");
  }

  @Test
  void ourOwnLoginRefusalsAreCredentialsOnlyWhenTheyAreAbout28() {
    assertClassified(new OriginConnectException(OriginFailureKind.AUTHENTICATION,
        ErrorResponse.fatal("28P01", "the server refused the SCRAM login: invalid-proof"), null),
        FailureKind.BAD_CREDENTIALS, "invalid-proof", "");
    assertClassified(new OriginConnectException(OriginFailureKind.AUTHENTICATION,
        ErrorResponse.fatal("0A000", "the server asks for GSS authentication, which is not supported"), null),
        FailureKind.OTHER, "GSS", "");
  }

  @Test
  void protocolViolationsClosedConnectionsAndTheRestAreOther() {
    for (OriginFailureKind kind : new OriginFailureKind[] {
        OriginFailureKind.PROTOCOL, OriginFailureKind.CLOSED, OriginFailureKind.OTHER}) {
      assertClassified(composed(kind, null), FailureKind.OTHER, "composed by the endpoint", "");
    }
  }

  private static OriginConnectException composed(OriginFailureKind kind, Throwable cause) {
    return new OriginConnectException(kind, ErrorResponse.fatal("08001", "composed by the endpoint"), cause);
  }

  private static OriginConnectException fromOrigin(String sqlState, String message) {
    return new OriginConnectException(OriginFailureKind.ORIGIN_ERROR, ErrorResponse.fatal(sqlState, message), null);
  }

  private static void assertClassified(OriginConnectException exception, FailureKind kind, String message,
      String sqlState) {
    ConnectFailure failure = FailureClassifier.classify(exception);
    assertThat(failure.getKind()).as("%s", exception).isEqualTo(kind);
    assertThat(failure.getMessage()).contains(message);
    assertThat(failure.getSqlstate()).isEqualTo(sqlState);
  }
}
