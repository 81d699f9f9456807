package dev.hyperdrive.endpoint.probe;

import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.endpoint.config.SslMode;
import dev.hyperdrive.endpoint.origin.OriginConnector;
import dev.hyperdrive.proto.probe.ConnectFailure;
import dev.hyperdrive.proto.probe.FailureKind;
import dev.hyperdrive.proto.probe.OriginSettings;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The origin one probe call measures: probe.proto's {@link OriginSettings} turned into the
 * endpoint's own {@link OriginConfig} and {@link OriginConnector}, so a probe connects exactly as the
 * pool would. A CA that cannot be used is a finding about the origin's settings (TLS_FAILED), not a
 * malformed request.
 */
final class ProbeTarget {
  private final OriginConfig origin;
  private final OriginConnector connector;
  private final ConnectFailure unusableCa;
  private final Duration timeout;

  private ProbeTarget(OriginConfig origin, OriginConnector connector, ConnectFailure unusableCa, Duration timeout) {
    this.origin = origin;
    this.connector = connector;
    this.unusableCa = unusableCa;
    this.timeout = timeout;
  }

  /**
   * @param timeout bound on each set-up
   * @throws IllegalArgumentException when the settings cannot describe an origin (no host, port out of range, ...)
   */
  static ProbeTarget of(OriginSettings settings, String site, Duration timeout, EventLoopGroup loops) {
    SslMode mode = sslMode(settings);
    boolean hasCa = !settings.getCaCertificatePem().isBlank();
    if (settings.getHost().isBlank()) {
      throw new IllegalArgumentException("origin.host is empty");
    }
    if (settings.getUser().isEmpty()) {
      throw new IllegalArgumentException("origin.user is empty");
    }
    if (mode.verifiesCertificate() && !hasCa) {
      throw new IllegalArgumentException("sslmode " + mode + " needs origin.ca_certificate_pem");
    }
    int port = settings.getPort() == 0 ? OriginConfig.DEFAULT_PORT : settings.getPort();
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("origin.port must be between 1 and 65535, got " + Integer.toUnsignedString(port));
    }
    // libpq's default: the database named like the user.
    String database = settings.getDatabase().isEmpty() ? settings.getUser() : settings.getDatabase();
    if (!mode.verifiesCertificate()) {
      OriginConfig origin = new OriginConfig(settings.getHost(), port, settings.getUser(), settings.getPassword(),
          database, mode, null);
      return new ProbeTarget(origin, new OriginConnector(origin, site, timeout, loops), null, timeout);
    }
    Path caFile = writeCa(settings.getCaCertificatePem());
    try {
      OriginConfig origin = new OriginConfig(settings.getHost(), port, settings.getUser(), settings.getPassword(),
          database, mode, caFile);
      try {
        // OriginConnector reads sslrootcert once, here; the file is not needed afterwards.
        return new ProbeTarget(origin, new OriginConnector(origin, site, timeout, loops), null, timeout);
      } catch (UncheckedIOException | IllegalArgumentException e) {
        return new ProbeTarget(origin, null, FailureClassifier.failure(FailureKind.TLS_FAILED,
            "ca_certificate_pem is not a usable CA certificate: " + FailureClassifier.rootMessage(e)), timeout);
      }
    } finally {
      deleteQuietly(caFile);
    }
  }

  /** For logs: the origin without its password, and without the temporary CA file's name. */
  @Override
  public String toString() {
    return origin.user() + "@" + origin.address() + "/" + origin.database() + " (sslmode " + origin.sslMode() + ")";
  }

  /** One timed set-up; never fails exceptionally (a failure is the result's attempt). */
  CompletableFuture<SetUpResult> setUp() {
    if (unusableCa != null) {
      return CompletableFuture.completedFuture(SetUpResult.failed(unusableCa));
    }
    return new ConnectSetUp(connector, timeout).start();
  }

  private static SslMode sslMode(OriginSettings settings) {
    switch (settings.getSslmode()) {
      case SSL_MODE_REQUIRE:
        return SslMode.REQUIRE;
      case SSL_MODE_VERIFY_CA:
        return SslMode.VERIFY_CA;
      case SSL_MODE_VERIFY_FULL:
        return SslMode.VERIFY_FULL;
      case SSL_MODE_DISABLE:
      case SSL_MODE_UNSPECIFIED:
        return SslMode.DISABLE;
      default:
        throw new IllegalArgumentException("unknown origin.sslmode " + settings.getSslmodeValue());
    }
  }

  private static Path writeCa(String pem) {
    try {
      Path file = Files.createTempFile("hyperdrive-probe-ca", ".pem");
      return Files.writeString(file, pem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the origin's CA certificate to a temporary file", e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      file.toFile().deleteOnExit();
    }
  }
}
