package dev.hyperdrive.endpoint.probe;

import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.endpoint.config.SslMode;
import dev.hyperdrive.proto.probe.OriginSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns probe.proto's {@link OriginSettings} (as placement sends them, to the probe and in its
 * EndpointDirectory) into the endpoint's own {@link OriginConfig}. The CA arrives as PEM text; callers
 * write it with {@link #writeCa} and delete it once an {@code OriginConnector} has read it.
 */
public final class OriginSettingsReader {
  private OriginSettingsReader() {}

  /**
   * @param caFile the CA written by {@link #writeCa}, or null when the sslmode does not verify
   * @throws IllegalArgumentException when the settings cannot describe an origin (no host, port out of range, ...)
   */
  public static OriginConfig toOriginConfig(OriginSettings settings, Path caFile) {
    SslMode mode = sslMode(settings);
    if (settings.getHost().isBlank()) {
      throw new IllegalArgumentException("origin.host is empty");
    }
    if (settings.getUser().isEmpty()) {
      throw new IllegalArgumentException("origin.user is empty");
    }
    if (mode.verifiesCertificate() && caFile == null) {
      throw new IllegalArgumentException("sslmode " + mode + " needs origin.ca_certificate_pem");
    }
    int port = settings.getPort() == 0 ? OriginConfig.DEFAULT_PORT : settings.getPort();
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("origin.port must be between 1 and 65535, got " + Integer.toUnsignedString(port));
    }
    // libpq's default: the database named like the user.
    String database = settings.getDatabase().isEmpty() ? settings.getUser() : settings.getDatabase();
    return new OriginConfig(settings.getHost(), port, settings.getUser(), settings.getPassword(), database, mode,
        mode.verifiesCertificate() ? caFile : null);
  }

  /** True when the settings verify the origin's certificate and carry a CA to verify it with. */
  public static boolean needsCaFile(OriginSettings settings) {
    return sslMode(settings).verifiesCertificate() && !settings.getCaCertificatePem().isBlank();
  }

  public static SslMode sslMode(OriginSettings settings) {
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

  public static Path writeCa(String pem) {
    try {
      Path file = Files.createTempFile("hyperdrive-origin-ca", ".pem");
      return Files.writeString(file, pem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the origin's CA certificate to a temporary file", e);
    }
  }

  public static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      file.toFile().deleteOnExit();
    }
  }
}
