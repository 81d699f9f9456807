package dev.hyperdrive.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * PostgreSQL's MD5 password hash, {@code "md5" + md5hex(password + user)}, and the salted response of the
 * md5 method built on it, {@code "md5" + md5hex(md5hex(password + user) + salt)}. Both halves use it: the
 * client hashes the password it knows, the server may store only the hash.
 */
public record Md5Secret(String hash) implements UserSecret {
  private static final String PREFIX = "md5";
  private static final int HASH_LENGTH = PREFIX.length() + 32;

  public Md5Secret {
    if (!looksLikeHash(hash)) {
      throw new IllegalArgumentException("an MD5 password hash is \"md5\" followed by 32 lowercase hex digits");
    }
  }

  public static Md5Secret fromPassword(String user, String password) {
    return new Md5Secret(PREFIX + md5Hex(
        (password + user).getBytes(StandardCharsets.UTF_8)));
  }

  /** The PasswordMessage content answering AuthenticationMD5Password with {@code salt}. */
  public String saltedResponse(byte[] salt) {
    byte[] hexHash = hash.substring(PREFIX.length()).getBytes(StandardCharsets.US_ASCII);
    byte[] salted = new byte[hexHash.length + salt.length];
    System.arraycopy(hexHash, 0, salted, 0, hexHash.length);
    System.arraycopy(salt, 0, salted, hexHash.length, salt.length);
    return PREFIX + md5Hex(salted);
  }

  @Override
  public boolean matchesPassword(String user, String password) {
    return MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
        fromPassword(user, password).hash.getBytes(StandardCharsets.US_ASCII));
  }

  /** The hash logs in as well as the password does, so it stays out of logs too. */
  @Override
  public String toString() {
    return "Md5Secret[redacted]";
  }

  static boolean looksLikeHash(String text) {
    if (text.length() != HASH_LENGTH || !text.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < HASH_LENGTH; i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static String md5Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform provides MD5", e);
    }
  }
}
