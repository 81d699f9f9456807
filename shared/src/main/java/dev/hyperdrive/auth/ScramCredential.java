package dev.hyperdrive.auth;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * What a server keeps to verify SCRAM-SHA-256 logins without knowing the password: PostgreSQL's
 * pg_authid.rolpassword, written {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}
 * (base64). Immutable; the accessors return copies.
 */
public record ScramCredential(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) implements UserSecret {
  /** PostgreSQL's defaults for a new secret (scram_iterations, SCRAM_DEFAULT_SALT_LEN). */
  public static final int DEFAULT_ITERATIONS = 4096;
  public static final int DEFAULT_SALT_LENGTH = 16;
  private static final String PREFIX = ScramCrypto.MECHANISM + "$";

  public ScramCredential {
    if (iterations < 1) {
      throw new IllegalArgumentException("SCRAM iterations must be positive, got " + iterations);
    }
    if (salt.length == 0) {
      throw new IllegalArgumentException("SCRAM salt must not be empty");
    }
    if (storedKey.length != ScramCrypto.KEY_LENGTH || serverKey.length != ScramCrypto.KEY_LENGTH) {
      throw new IllegalArgumentException("SCRAM-SHA-256 keys are " + ScramCrypto.KEY_LENGTH + " bytes");
    }
    salt = salt.clone();
    storedKey = storedKey.clone();
    serverKey = serverKey.clone();
  }

  /** A new secret for {@code password} with a random salt, as CREATE ROLE ... PASSWORD does. */
  public static ScramCredential fromPassword(String password) {
    return fromPassword(password, ScramCrypto.randomBytes(DEFAULT_SALT_LENGTH), DEFAULT_ITERATIONS);
  }

  public static ScramCredential fromPassword(String password, byte[] salt, int iterations) {
    byte[] saltedPassword = ScramCrypto.saltedPassword(SaslPrep.prepare(password), salt, iterations);
    return new ScramCredential(iterations, salt,
        ScramCrypto.sha256(ScramCrypto.clientKey(saltedPassword)), ScramCrypto.serverKey(saltedPassword));
  }

  /** Reads pg_authid's form; throws IllegalArgumentException naming what is wrong. */
  public static ScramCredential parse(String text) {
    if (!text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a SCRAM secret starts with " + PREFIX);
    }
    String[] parts = text.substring(PREFIX.length()).split("\\$", -1);
    String[] iterationsAndSalt = parts[0].split(":", -1);
    String[] keys = parts.length == 2 ? parts[1].split(":", -1) : new String[0];
    if (parts.length != 2 || iterationsAndSalt.length != 2 || keys.length != 2) {
      throw new IllegalArgumentException(
          "a SCRAM secret has the form SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>");
    }
    try {
      Base64.Decoder base64 = Base64.getDecoder();
      return new ScramCredential(Integer.parseInt(iterationsAndSalt[0]), base64.decode(iterationsAndSalt[1]),
          base64.decode(keys[0]), base64.decode(keys[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("SCRAM iteration count is not a number: " + iterationsAndSalt[0], e);
    }
  }

  /**
   * Checks a password received in cleartext against this secret, as PostgreSQL does when a role with a
   * SCRAM secret logs in through the {@code password} method.
   */
  @Override
  public boolean matchesPassword(String user, String password) {
    byte[] saltedPassword = ScramCrypto.saltedPassword(SaslPrep.prepare(password), salt, iterations);
    return MessageDigest.isEqual(ScramCrypto.serverKey(saltedPassword), serverKey);
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] storedKey() {
    return storedKey.clone();
  }

  @Override
  public byte[] serverKey() {
    return serverKey.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScramCredential that
        && iterations == that.iterations
        && Arrays.equals(salt, that.salt)
        && Arrays.equals(storedKey, that.storedKey)
        && Arrays.equals(serverKey, that.serverKey);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * iterations + Arrays.hashCode(salt)) + Arrays.hashCode(storedKey))
        + Arrays.hashCode(serverKey);
  }

  /** pg_authid's form; it holds no password, so it is safe to store in configuration. */
  @Override
  public String toString() {
    Base64.Encoder base64 = Base64.getEncoder();
    return PREFIX + iterations + ":" + base64.encodeToString(salt) + "$"
        + base64.encodeToString(storedKey) + ":" + base64.encodeToString(serverKey);
  }
}
