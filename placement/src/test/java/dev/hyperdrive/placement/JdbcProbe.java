package dev.hyperdrive.placement;

import dev.hyperdrive.proto.probe.ConnectAttempt;
import dev.hyperdrive.proto.probe.ConnectFailure;
import dev.hyperdrive.proto.probe.FailureKind;
import dev.hyperdrive.proto.probe.MeasureConnectReply;
import dev.hyperdrive.proto.probe.MeasureConnectRequest;
import dev.hyperdrive.proto.probe.OriginSettings;
import dev.hyperdrive.proto.probe.ProbeGrpc;
import dev.hyperdrive.proto.probe.ValidateOriginReply;
import dev.hyperdrive.proto.probe.ValidateOriginRequest;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.postgresql.util.PSQLException;

/**
 * A Probe double that really connects, with pgjdbc, so that tests see the failures a real origin
 * produces. The endpoint's own Probe (origin-endpoint) speaks the protocol itself; this one only has
 * to prove placement's side of the contract end to end.
 */
final class JdbcProbe extends ProbeGrpc.ProbeImplBase {

  private final String site;

  JdbcProbe(String site) {
    this.site = site;
  }

  @Override
  public void validateOrigin(ValidateOriginRequest request, StreamObserver<ValidateOriginReply> reply) {
    ValidateOriginReply.Builder validated = ValidateOriginReply.newBuilder().setSite(site);
    validated.setAttempt(setUp(request.getOrigin(), request.getTimeoutMillis(), validated));
    reply.onNext(validated.build());
    reply.onCompleted();
  }

  @Override
  public void measureConnect(MeasureConnectRequest request, StreamObserver<MeasureConnectReply> reply) {
    MeasureConnectReply.Builder measured = MeasureConnectReply.newBuilder().setSite(site);
    for (int i = 0; i < request.getSamples(); i++) {
      measured.addAttempts(setUp(request.getOrigin(), request.getTimeoutMillis(), null));
    }
    reply.onNext(measured.build());
    reply.onCompleted();
  }

  private static ConnectAttempt setUp(OriginSettings origin, int timeoutMillis, ValidateOriginReply.Builder version) {
    String url = "jdbc:postgresql://" + origin.getHost() + ":" + origin.getPort() + "/" + origin.getDatabase();
    long startedAt = System.nanoTime();
    try (Connection connection = DriverManager.getConnection(url, properties(origin, timeoutMillis))) {
      connection.createStatement().execute("SELECT 1");
      long micros = (System.nanoTime() - startedAt) / 1000;
      if (version != null) {
        version.setServerVersion(connection.getMetaData().getDatabaseProductVersion());
      }
      return ConnectAttempt.newBuilder().setSetupMicros(micros).build();
    } catch (SQLException e) {
      return ConnectAttempt.newBuilder().setFailure(classify(e)).build();
    }
  }

  private static Properties properties(OriginSettings origin, int timeoutMillis) {
    Properties properties = new Properties();
    properties.setProperty("user", origin.getUser());
    properties.setProperty("password", origin.getPassword());
    properties.setProperty("connectTimeout", Integer.toString(Math.max(1, timeoutMillis / 1000)));
    properties.setProperty("loginTimeout", Integer.toString(Math.max(1, timeoutMillis / 1000)));
    properties.setProperty("sslmode", origin.getSslmode().name().replace("SSL_MODE_", "").toLowerCase().replace('_', '-'));
    if (!origin.getCaCertificatePem().isEmpty()) {
      properties.setProperty("sslrootcert", writeTemp(origin.getCaCertificatePem()));
    }
    return properties;
  }

  static ConnectFailure classify(SQLException e) {
    String serverMessage = e instanceof PSQLException && ((PSQLException) e).getServerErrorMessage() != null
        ? ((PSQLException) e).getServerErrorMessage().getMessage()
        : null;
    ConnectFailure.Builder failure = ConnectFailure.newBuilder();
    if (serverMessage != null) {
      failure.setSqlstate(e.getSQLState()).setMessage(serverMessage);
    } else {
      failure.setMessage(rootCause(e).toString());
    }
    Throwable cause = rootCause(e);
    if (cause instanceof UnknownHostException) {
      return failure.setKind(FailureKind.BAD_HOSTNAME).build();
    }
    if (cause instanceof ConnectException) {
      return failure.setKind(FailureKind.CONNECTION_REFUSED).build();
    }
    if (cause instanceof SocketTimeoutException) {
      return failure.setKind(FailureKind.TIMEOUT).build();
    }
    if (cause instanceof SSLException || "08004".equals(e.getSQLState())) {
      return failure.setKind(FailureKind.TLS_FAILED).setMessage(e.getMessage()).build();
    }
    String sqlState = e.getSQLState() == null ? "" : e.getSQLState();
    if (sqlState.equals("28000") && serverMessage != null && serverMessage.contains("no encryption")) {
      return failure.setKind(FailureKind.TLS_REQUIRED).build();
    }
    if (sqlState.equals("28P01") || sqlState.equals("28000")) {
      return failure.setKind(FailureKind.BAD_CREDENTIALS).build();
    }
    if (sqlState.equals("3D000")) {
      return failure.setKind(FailureKind.UNKNOWN_DATABASE).build();
    }
    return failure.setKind(FailureKind.OTHER).build();
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String writeTemp(String pem) {
    try {
      Path file = Files.createTempFile("origin-ca", ".pem");
      file.toFile().deleteOnExit();
      return Files.writeString(file, pem).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
