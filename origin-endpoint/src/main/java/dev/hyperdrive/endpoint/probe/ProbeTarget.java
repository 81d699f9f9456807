package dev.hyperdrive.endpoint.probe;

import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.endpoint.origin.OriginConnector;
import dev.hyperdrive.proto.probe.ConnectFailure;
import dev.hyperdrive.proto.probe.FailureKind;
import dev.hyperdrive.proto.probe.OriginSettings;
import io.netty.channel.EventLoopGroup;
import java.io.UncheckedIOException;
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
    if (!OriginSettingsReader.needsCaFile(settings)) {
      OriginConfig origin = OriginSettingsReader.toOriginConfig(settings, null);
      return new ProbeTarget(origin, new OriginConnector(origin, site, timeout, loops), null, timeout);
    }
    Path caFile = OriginSettingsReader.writeCa(settings.getCaCertificatePem());
    try {
      OriginConfig origin = OriginSettingsReader.toOriginConfig(settings, caFile);
      try {
        // OriginConnector reads sslrootcert once, here; the file is not needed afterwards.
        return new ProbeTarget(origin, new OriginConnector(origin, site, timeout, loops), null, timeout);
      } catch (UncheckedIOException | IllegalArgumentException e) {
        return new ProbeTarget(origin, null, FailureClassifier.failure(FailureKind.TLS_FAILED,
            "ca_certificate_pem is not a usable CA certificate: " + FailureClassifier.rootMessage(e)), timeout);
      }
    } finally {
      OriginSettingsReader.deleteQuietly(caFile);
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
}
