package dev.hyperdrive.endpoint.config;

import java.util.Locale;
import java.util.Optional;

/**
 * How the endpoint protects its connections to the origin, with libpq's names and meanings
 * (https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-PROTECTION). libpq's
 * {@code allow}/{@code prefer} are left out on purpose: silently falling back to plaintext is not
 * something an operator should get without asking for {@code disable}.
 */
public enum SslMode {
  /** Plain TCP; no SSLRequest is sent. */
  DISABLE("disable"),
  /** TLS required, the server certificate is not checked. */
  REQUIRE("require"),
  /** TLS required, the certificate must chain to {@code sslrootcert}. */
  VERIFY_CA("verify-ca"),
  /** As verify-ca, and the certificate must name the host we connected to. */
  VERIFY_FULL("verify-full");

  private final String configName;

  SslMode(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public boolean usesTls() {
    return this != DISABLE;
  }

  public boolean verifiesCertificate() {
    return this == VERIFY_CA || this == VERIFY_FULL;
  }

  public static Optional<SslMode> fromConfigName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (SslMode mode : values()) {
      if (mode.configName.equals(wanted)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return configName;
  }
}
