package dev.hyperdrive.endpoint.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the {@code url:} form of an origin, {@code postgres://user:pass@host:5432/db?sslmode=require},
 * the libpq connection URI (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS)
 * restricted to the parameters the endpoint understands.
 */
public final class OriginUrl {
  private OriginUrl() {}

  /** @throws IllegalArgumentException naming what is wrong (never echoing the password) */
  public static OriginConfig parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a postgres:// URL: " + e.getReason());
    }
    if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
      throw new IllegalArgumentException("must start with postgres:// or postgresql://");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("names no host (expected postgres://user:password@host:port/database)");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null || userInfo.isEmpty()) {
      throw new IllegalArgumentException("names no user (expected postgres://user:password@host:port/database)");
    }
    int colon = userInfo.indexOf(':');
    String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
    String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    String path = uri.getRawPath();
    String database = path == null || path.length() <= 1 ? user : decode(path.substring(1));
    Map<String, String> query = query(uri.getRawQuery());
    SslMode mode = SslMode.DISABLE;
    Path rootCert = null;
    for (Map.Entry<String, String> parameter : query.entrySet()) {
      switch (parameter.getKey()) {
        case "sslmode":
          mode = SslMode.fromConfigName(parameter.getValue()).orElseThrow(() -> new IllegalArgumentException(
              "sslmode must be one of disable, require, verify-ca, verify-full, got '" + parameter.getValue() + "'"));
          break;
        case "sslrootcert":
          rootCert = Path.of(parameter.getValue());
          break;
        default:
          throw new IllegalArgumentException("unsupported URL parameter '" + parameter.getKey()
              + "' (supported: sslmode, sslrootcert)");
      }
    }
    if (mode.verifiesCertificate() && rootCert == null) {
      throw new IllegalArgumentException("sslmode " + mode + " needs sslrootcert=/path/ca.pem in the URL");
    }
    int port = uri.getPort() < 0 ? OriginConfig.DEFAULT_PORT : uri.getPort();
    return new OriginConfig(host, port, user, password, database, mode, rootCert);
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException("URL parameter '" + decode(pair) + "' has no value");
      }
      parameters.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
    }
    return parameters;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
