package dev.hyperdrive.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A password known in cleartext, as an operator may configure it; every method can verify against it. */
public record PlainPassword(String password) implements UserSecret {
  public PlainPassword {
    if (password.isEmpty()) {
      // PostgreSQL never lets an empty password log in either.
      throw new IllegalArgumentException("a password must not be empty");
    }
  }

  @Override
  public boolean matchesPassword(String user, String candidate) {
    return MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "PlainPassword[redacted]";
  }
}
