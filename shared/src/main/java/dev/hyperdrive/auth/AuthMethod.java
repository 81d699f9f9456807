package dev.hyperdrive.auth;

import java.util.Locale;

/** The password methods the edge can demand of a driver, named as in pg_hba.conf. */
public enum AuthMethod {
  SCRAM_SHA_256("scram-sha-256"),
  MD5("md5"),
  /** pg_hba.conf's {@code password}: the password travels in cleartext, so only use it over TLS. */
  CLEARTEXT("password");

  private final String hbaName;

  AuthMethod(String hbaName) {
    this.hbaName = hbaName;
  }

  /** The pg_hba.conf name: {@code scram-sha-256}, {@code md5} or {@code password}. */
  public String hbaName() {
    return hbaName;
  }

  /** Accepts the pg_hba.conf names, and {@code cleartext} for {@link #CLEARTEXT}. */
  public static AuthMethod fromName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (AuthMethod method : values()) {
      if (method.hbaName.equals(wanted) || method.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(wanted)) {
        return method;
      }
    }
    throw new IllegalArgumentException("unknown authentication method \"" + name
        + "\"; expected scram-sha-256, md5 or password");
  }

  @Override
  public String toString() {
    return hbaName;
  }
}
