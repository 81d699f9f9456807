package dev.hyperdrive.edge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.cache.SessionCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionSettingsTest {
  private static SessionSettings pgjdbcLike() {
    Map<String, String> startup = new LinkedHashMap<>();
    startup.put("DateStyle", "ISO");
    startup.put("TimeZone", "Europe/Paris");
    startup.put("extra_float_digits", "3");
    startup.put("application_name", "shop");
    startup.put("client_encoding", "UTF8");
    return new SessionSettings(startup, true);
  }

  @Test
  void startupSettingsThatShapeResultsAreKeyedOthersNot() {
    assertThat(pgjdbcLike().keyed()).containsExactly(Map.entry("client_encoding", "UTF8"),
        Map.entry("datestyle", "ISO"), Map.entry("extra_float_digits", "3"), Map.entry("timezone", "Europe/Paris"));
  }

  @Test
  void setAndResetMoveTheKeyAndTheReplay() {
    SessionSettings settings = pgjdbcLike();
    settings.apply(new SessionCommand.Set("search_path", "app, public", "search_path TO app, public"));
    settings.apply(new SessionCommand.Set("timezone", "'UTC'", "TIME ZONE 'UTC'"));
    settings.apply(new SessionCommand.Set("statement_timeout", "5s", "statement_timeout TO 5s"));
    assertThat(settings.keyed()).containsEntry("search_path", "app, public").containsEntry("timezone", "'UTC'")
        .doesNotContainKey("statement_timeout");
    assertThat(settings.replayStatements()).containsExactly("search_path TO app, public", "TIME ZONE 'UTC'");

    settings.apply(new SessionCommand.Reset("TimeZone"));
    assertThat(settings.keyed()).containsEntry("timezone", "Europe/Paris");
    assertThat(settings.replayStatements()).containsExactly("search_path TO app, public");

    settings.apply(SessionCommand.ResetAll.INSTANCE);
    assertThat(settings.keyed()).isEqualTo(pgjdbcLike().keyed());
    assertThat(settings.replayStatements()).isEmpty();
  }

  @Test
  void reportedValuesCountAndStandardConformingStringsIsFollowed() {
    SessionSettings settings = pgjdbcLike();
    settings.onParameterStatus("IntervalStyle", "iso_8601");
    settings.onParameterStatus("is_superuser", "off");
    settings.onParameterStatus("standard_conforming_strings", "off");
    assertThat(settings.keyed()).containsEntry("intervalstyle", "iso_8601").doesNotContainKey("is_superuser")
        .containsEntry("standard_conforming_strings", "off");
    assertThat(settings.standardConformingStrings()).isFalse();
  }

  @Test
  void anUntrackableCommandEndsCachingForGood() {
    SessionSettings settings = pgjdbcLike();
    assertThat(settings.trackable()).isTrue();
    settings.apply(new SessionCommand.Untrackable("set_config()"));
    settings.apply(SessionCommand.ResetAll.INSTANCE);
    assertThat(settings.trackable()).isFalse();
    assertThat(settings.untrackableReason()).isEqualTo("set_config()");
  }
}
