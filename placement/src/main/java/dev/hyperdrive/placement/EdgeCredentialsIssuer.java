package dev.hyperdrive.placement;

import dev.hyperdrive.proto.placement.EdgeCredentials;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Issues the credentials drivers use at the edge for a new database, and the connection string
 * that carries them. The user is the origin's user name (what applications already expect to see);
 * the password is new and random, so the origin's password never has to reach an application.
 */
public final class EdgeCredentialsIssuer {

  private static final int PASSWORD_BYTES = 24;

  private final String edgeAddress;
  private final SecureRandom random = new SecureRandom();

  /** @param edgeAddress host:port at which applications reach their edge client */
  public EdgeCredentialsIssuer(String edgeAddress) {
    this.edgeAddress = edgeAddress;
  }

  public EdgeCredentials issue(String database, String user) {
    byte[] secret = new byte[PASSWORD_BYTES];
    random.nextBytes(secret);
    // base64url has no character that needs escaping in a URL.
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return EdgeCredentials.newBuilder()
        .setUser(user)
        .setPassword(password)
        .setConnectionString("postgres://" + escape(user) + ":" + password + "@" + edgeAddress + "/" + database)
        .build();
  }

  private static String escape(String userInfo) {
    return URLEncoder.encode(userInfo, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
