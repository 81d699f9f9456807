package dev.hyperdrive.endpoint.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alignment a checkout costs: only what differs between the connection and the client. */
class ConnectionSettingsTest {
  private static final Map<String, String> DEFAULTS = Map.of("timezone", "UTC", "client_encoding", "UTF8");

  @Test
  void aCleanConnectionCostsNothingForAClientWithoutSettings() {
    assertThat(new ConnectionSettings().alignmentSql(new ClientSettings(Map.of()), DEFAULTS)).isNull();
  }

  @Test
  void startupValuesEqualToTheConnectionsDefaultsNeedNoSet() {
    ClientSettings client = new ClientSettings(startup("client_encoding", "UTF8", "timezone", "Asia/Tokyo"));
    assertThat(new ConnectionSettings().alignmentSql(client, DEFAULTS))
        .isEqualTo("SELECT pg_catalog.set_config('timezone', 'Asia/Tokyo', false)");
  }

  @Test
  void onlyTheDifferenceIsApplied() {
    ConnectionSettings connection = new ConnectionSettings();
    ClientSettings previous = new ClientSettings(startup("timezone", "Asia/Tokyo", "work_mem", "8MB"));
    connection.aligned(previous, DEFAULTS);
    ClientSettings next = new ClientSettings(startup("work_mem", "8MB", "search_path", "app"));
    assertThat(connection.alignmentSql(next, DEFAULTS)).isEqualTo("RESET timezone; "
        + "SELECT pg_catalog.set_config('search_path', 'app', false)");
    connection.aligned(next, DEFAULTS);
    assertThat(connection.alignmentSql(next, DEFAULTS)).isNull();
  }

  @Test
  void identityGoesFirstAndUnknownStateIsResetCompletely() {
    ConnectionSettings connection = new ConnectionSettings();
    connection.apply(SettingChange.Untracked.INSTANCE);
    ClientSettings client = new ClientSettings(Map.of());
    client.apply(new SettingChange.Set("work_mem", "SET work_mem = '1MB'", null));
    client.apply(new SettingChange.Set("role", "SET ROLE reader", null));
    assertThat(connection.alignmentSql(client, DEFAULTS)).isEqualTo(
        "SET SESSION AUTHORIZATION DEFAULT; RESET ALL; SET ROLE reader; SET work_mem = '1MB'");
  }

  @Test
  void resetReturnsAClientToItsStartupValueAndTheConnectionToItsDefault() {
    ClientSettings client = new ClientSettings(startup("timezone", "Asia/Tokyo"));
    ConnectionSettings connection = new ConnectionSettings();
    connection.aligned(client, DEFAULTS);
    SettingChange reset = new SettingChange.Reset("timezone");
    client.apply(reset);
    connection.apply(reset);
    assertThat(connection.alignmentSql(client, DEFAULTS))
        .isEqualTo("SELECT pg_catalog.set_config('timezone', 'Asia/Tokyo', false)");
  }

  private static Map<String, String> startup(String... namesAndValues) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      settings.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return settings;
  }
}
