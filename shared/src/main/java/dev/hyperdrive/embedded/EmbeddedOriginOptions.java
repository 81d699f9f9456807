package dev.hyperdrive.embedded;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to start an {@link EmbeddedOrigin}: which port and address it listens on, which client networks may log in
 * (always with a password), and extra {@code postgresql.conf} settings. Immutable; the {@code with...} methods
 * return changed copies.
 *
 * @param port           TCP port; {@code 0} picks a free one
 * @param listenAddress  the address clients connect to, returned by {@link EmbeddedOrigin#host()}; the server also
 *                       always listens on {@code localhost} because start-up and bootstrap connect there
 * @param clientNetworks CIDRs besides loopback allowed to connect (tests in network namespaces add their subnet)
 * @param serverSettings extra server settings, e.g. {@code max_connections}
 */
public record EmbeddedOriginOptions(
    int port, String listenAddress, List<String> clientNetworks, Map<String, String> serverSettings) {

  /** Settings the fixture owns; changing them would break its own bootstrap or its promises. */
  private static final Set<String> RESERVED_SETTINGS =
      Set.of("port", "listen_addresses", "unix_socket_directories", "hba_file");
  private static final Pattern SAFE_SETTING_TEXT = Pattern.compile("[A-Za-z0-9_.,:/-]+");

  public EmbeddedOriginOptions {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 (any free port) and 65535, got " + port);
    }
    Objects.requireNonNull(listenAddress, "listenAddress");
    clientNetworks = List.copyOf(clientNetworks);
    serverSettings.forEach(EmbeddedOriginOptions::checkSetting);
    serverSettings = Collections.unmodifiableMap(new LinkedHashMap<>(serverSettings));
  }

  private static void checkSetting(String name, String value) {
    if (RESERVED_SETTINGS.contains(name)) {
      throw new IllegalArgumentException("server setting '" + name
          + "' is managed by EmbeddedOrigin; use the port/listenAddress/clientNetworks options instead");
    }
    // Settings travel as "-c name=value" through pg_ctl's shell command line.
    if (!SAFE_SETTING_TEXT.matcher(name).matches() || !SAFE_SETTING_TEXT.matcher(value).matches()) {
      throw new IllegalArgumentException("server setting " + name + "=" + value
          + " must use only letters, digits and _ . , - : / characters");
    }
  }

  /** A free port on 127.0.0.1, loopback clients only, stock settings. */
  public static EmbeddedOriginOptions defaults() {
    return new EmbeddedOriginOptions(0, "127.0.0.1", List.of(), Map.of());
  }

  public EmbeddedOriginOptions withPort(int newPort) {
    return new EmbeddedOriginOptions(newPort, listenAddress, clientNetworks, serverSettings);
  }

  public EmbeddedOriginOptions withListenAddress(String address) {
    return new EmbeddedOriginOptions(port, address, clientNetworks, serverSettings);
  }

  /** Lets clients from {@code cidr} (e.g. {@code 10.0.0.0/24}) log in with a password. */
  public EmbeddedOriginOptions withClientNetwork(String cidr) {
    List<String> networks = new ArrayList<>(clientNetworks);
    networks.add(cidr);
    return new EmbeddedOriginOptions(port, listenAddress, networks, serverSettings);
  }

  public EmbeddedOriginOptions withSetting(String name, String value) {
    Map<String, String> settings = new LinkedHashMap<>(serverSettings);
    settings.put(name, value);
    return new EmbeddedOriginOptions(port, listenAddress, clientNetworks, settings);
  }

  /** Preloads pg_stat_statements (shipped in the bundled binaries) so tests can count what reached the origin. */
  public EmbeddedOriginOptions withPgStatStatements() {
    return withSetting("shared_preload_libraries", "pg_stat_statements")
        .withSetting("pg_stat_statements.track", "all");
  }
}
