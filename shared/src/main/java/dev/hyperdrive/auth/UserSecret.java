package dev.hyperdrive.auth;

/**
 * What a server knows about a user's password, in one of the three forms pg_authid.rolpassword and our
 * configuration accept: a SCRAM-SHA-256 secret, an MD5 hash, or the password itself.
 */
public sealed interface UserSecret permits ScramCredential, Md5Secret, PlainPassword {
  /** Checks a password the client sent in cleartext. */
  boolean matchesPassword(String user, String password);

  /** Reads a stored secret the way PostgreSQL classifies rolpassword: SCRAM secret, then MD5 hash, else a password. */
  static UserSecret parse(String stored) {
    if (stored.startsWith(ScramCrypto.MECHANISM + "$")) {
      return ScramCredential.parse(stored);
    }
    if (Md5Secret.looksLikeHash(stored)) {
      return new Md5Secret(stored);
    }
    return new PlainPassword(stored);
  }
}
