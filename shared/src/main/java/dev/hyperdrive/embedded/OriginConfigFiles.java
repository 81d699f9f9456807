package dev.hyperdrive.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the embedded origin's {@code postgresql.conf} additions and its {@code pg_hba.conf}.
 *
 * <p>Every TCP login needs a password: {@code md5_user} gets an MD5 challenge, {@code cleartext_user} a cleartext
 * one, everyone else SCRAM-SHA-256. The only exception is the bootstrap file, which additionally trusts the
 * password-less {@code postgres} superuser from loopback so the fixture can create its roles; the final file drops
 * that line. See <a href="https://www.postgresql.org/docs/17/auth-pg-hba-conf.html">pg_hba.conf</a>.
 */
final class OriginConfigFiles {

  /** The initdb superuser; it has no password, so only the bootstrap file lets it in. */
  static final String BOOTSTRAP_USER = "postgres";

  private static final List<String> LOOPBACK_NETWORKS = List.of("127.0.0.1/32", "::1/128");

  private OriginConfigFiles() {
  }

  /**
   * Appends the settings the fixture owns to the postgresql.conf initdb wrote (later lines win). The caller's
   * extra settings go on the command line instead, where zonky puts its own defaults, so they can override them.
   */
  static void appendServerSettings(Path dataDirectory, EmbeddedOriginOptions options) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("listen_addresses", listenAddresses(options.listenAddress()));
    // TCP only: no socket files in /tmp colliding between parallel test JVMs.
    settings.put("unix_socket_directories", "");
    settings.put("password_encryption", "scram-sha-256");

    StringBuilder conf = new StringBuilder("\n# Added by hyperdrive EmbeddedOrigin\n");
    settings.forEach((name, value) -> conf.append(name).append(" = ").append(quote(value)).append('\n'));
    try {
      Files.writeString(dataDirectory.resolve("postgresql.conf"), conf, StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write postgresql.conf in " + dataDirectory, e);
    }
  }

  static void writeHba(Path dataDirectory, EmbeddedOriginOptions options, boolean bootstrap) {
    try {
      Files.writeString(dataDirectory.resolve("pg_hba.conf"), hbaRules(options, bootstrap),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write pg_hba.conf in " + dataDirectory, e);
    }
  }

  static String hbaRules(EmbeddedOriginOptions options, boolean bootstrap) {
    List<String> networks = new ArrayList<>(LOOPBACK_NETWORKS);
    networks.addAll(options.clientNetworks());

    StringBuilder hba = new StringBuilder("# Written by hyperdrive EmbeddedOrigin: passwords required over TCP.\n");
    hba.append("# TYPE  DATABASE  USER  ADDRESS  METHOD\n");
    if (bootstrap) {
      for (String network : LOOPBACK_NETWORKS) {
        rule(hba, BOOTSTRAP_USER, network, "trust");
      }
    }
    for (String network : networks) {
      rule(hba, EmbeddedOrigin.MD5_USER, network, "md5");
      rule(hba, EmbeddedOrigin.CLEARTEXT_USER, network, "password");
      rule(hba, "all", network, "scram-sha-256");
    }
    return hba.toString();
  }

  private static void rule(StringBuilder hba, String user, String network, String method) {
    hba.append("host    all  ").append(user).append("  ").append(network).append("  ").append(method).append('\n');
  }

  /** Loopback always, because zonky's readiness check and our bootstrap connect to {@code localhost}. */
  private static String listenAddresses(String listenAddress) {
    if (isLoopback(listenAddress)) {
      return "localhost";
    }
    return "localhost," + listenAddress;
  }

  private static boolean isLoopback(String address) {
    if (address.equals("localhost")) {
      return true;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve listen address '" + address + "'", e);
    }
  }

  private static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
