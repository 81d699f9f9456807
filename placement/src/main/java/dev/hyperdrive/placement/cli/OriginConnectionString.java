package dev.hyperdrive.placement.cli;

import dev.hyperdrive.proto.probe.OriginSettings;
import dev.hyperdrive.proto.probe.SslMode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the origin connection string operators give {@code create} and {@code update}:
 * {@code postgres[ql]://user:password@host[:port]/database[?sslmode=...&sslrootcert=FILE]}, as libpq
 * writes it (percent-encoded user and password). {@code sslrootcert} names a file on the operator's
 * machine; its PEM text is read here and sent, since the sites do not have the file.
 */
public final class OriginConnectionString {

  private OriginConnectionString() {}

  /** @throws IllegalArgumentException saying what is wrong, never echoing the password */
  public static OriginSettings parse(String connectionString) {
    URI uri;
    try {
      uri = new URI(connectionString);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the connection string is not a URL (" + e.getReason()
          + "); expected postgres://user:password@host:5432/database");
    }
    if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
      throw new IllegalArgumentException("the connection string must start with postgres:// or postgresql://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("the connection string names no host (or a host with characters a host "
          + "name cannot have)");
    }
    OriginSettings.Builder origin = OriginSettings.newBuilder()
        .setHost(stripBrackets(uri.getHost()))
        .setPort(uri.getPort() == -1 ? 5432 : uri.getPort());
    userInfo(uri, origin);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String database = decode(path.startsWith("/") ? path.substring(1) : path);
    if (database.isEmpty()) {
      throw new IllegalArgumentException("the connection string names no database (the part after host:port/)");
    }
    origin.setDatabase(database);
    Map<String, String> parameters = query(uri.getRawQuery());
    origin.setSslmode(sslMode(parameters.getOrDefault("sslmode", "disable")));
    String caFile = parameters.get("sslrootcert");
    if (caFile != null) {
      origin.setCaCertificatePem(readCa(caFile));
    }
    return origin.build();
  }

  private static void userInfo(URI uri, OriginSettings.Builder origin) {
    String raw = uri.getRawUserInfo();
    if (raw == null || raw.isEmpty()) {
      throw new IllegalArgumentException("the connection string names no user: postgres://user:password@host/db");
    }
    int colon = raw.indexOf(':');
    origin.setUser(decode(colon < 0 ? raw : raw.substring(0, colon)));
    if (colon < 0) {
      throw new IllegalArgumentException("the connection string has no password for user '" + origin.getUser() + "'");
    }
    origin.setPassword(decode(raw.substring(colon + 1)));
  }

  static SslMode sslMode(String value) {
    switch (value) {
      case "disable":
        return SslMode.SSL_MODE_DISABLE;
      case "require":
        return SslMode.SSL_MODE_REQUIRE;
      case "verify-ca":
        return SslMode.SSL_MODE_VERIFY_CA;
      case "verify-full":
        return SslMode.SSL_MODE_VERIFY_FULL;
      case "prefer":
      case "allow":
        throw new IllegalArgumentException("sslmode=" + value + " may silently fall back to plaintext; say "
            + "sslmode=require (or verify-full) or sslmode=disable");
      default:
        throw new IllegalArgumentException("unknown sslmode '" + value
            + "': use disable, require, verify-ca or verify-full");
    }
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String key = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (!key.equals("sslmode") && !key.equals("sslrootcert")) {
        throw new IllegalArgumentException("connection string parameter '" + key
            + "' is not supported (only sslmode and sslrootcert)");
      }
      parameters.put(key, value);
    }
    return parameters;
  }

  private static String readCa(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read sslrootcert " + file + ": " + e.getMessage());
    }
  }

  private static String decode(String raw) {
    // URLDecoder would turn '+' into a space, which percent-encoding in URLs does not.
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
