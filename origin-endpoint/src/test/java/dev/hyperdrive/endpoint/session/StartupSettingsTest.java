package dev.hyperdrive.endpoint.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupSettingsTest {

  @Test
  void everyParameterButTheConnectionsOwnIsASetting() {
    Map<String, String> startup = new LinkedHashMap<>();
    startup.put("user", "app");
    startup.put("database", "appdb");
    startup.put("TimeZone", "UTC");
    startup.put("_pq_.compression", "on");
    startup.put("application_name", "psql");
    assertThat(StartupSettings.parse(startup)).containsExactly(Map.entry("timezone", "UTC"),
        Map.entry("application_name", "psql"));
  }

  @Test
  void optionsSetSettingsWithDashCAndDoubleDash() {
    Map<String, String> settings = StartupSettings.parse(Map.of("options",
        "-c search_path=a,b -cwork_mem=8MB --statement-timeout=5s -c geqo=off -B 7 -c app.note=a\\ b"));
    assertThat(settings).containsExactly(Map.entry("search_path", "a,b"), Map.entry("work_mem", "8MB"),
        Map.entry("statement_timeout", "5s"), Map.entry("geqo", "off"), Map.entry("app.note", "a b"));
  }

  @Test
  void wordsSplitAtUnescapedWhitespace() {
    assertThat(StartupSettings.words("  -c  x=1\\ 2\t-c y=\\\\ ")).containsExactly("-c", "x=1 2", "-c", "y=\\");
  }
}
