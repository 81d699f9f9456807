package dev.hyperdrive.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmbeddedOriginOptionsTest {

  @Test
  void settingsTheFixtureOwnsAreRefusedWithAPointerToTheOption() {
    assertThatThrownBy(() -> EmbeddedOriginOptions.defaults().withSetting("port", "5432"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'port'").hasMessageContaining("options");
  }

  @Test
  void settingsThatCouldBreakOutOfTheCommandLineAreRefused() {
    assertThatThrownBy(() -> EmbeddedOriginOptions.defaults().withSetting("search_path", "a b"))
        .hasMessageContaining("search_path=a b");
  }

  @Test
  void portOutOfRangeIsRefused() {
    assertThatThrownBy(() -> EmbeddedOriginOptions.defaults().withPort(70_000))
        .hasMessageContaining("70000");
  }

  @Test
  void everyNetworkRequiresAPasswordAndOnlyBootstrapTrustsTheInitdbSuperuser() {
    EmbeddedOriginOptions options = EmbeddedOriginOptions.defaults().withClientNetwork("10.9.0.0/24");

    String bootstrap = OriginConfigFiles.hbaRules(options, true);
    String running = OriginConfigFiles.hbaRules(options, false);

    assertThat(bootstrap).contains("host    all  postgres  127.0.0.1/32  trust");
    assertThat(running).doesNotContain("trust");
    assertThat(running).contains(
        "host    all  md5_user  10.9.0.0/24  md5",
        "host    all  cleartext_user  ::1/128  password",
        "host    all  all  127.0.0.1/32  scram-sha-256");
    assertThat(running.indexOf("md5_user  127.0.0.1/32")).isLessThan(running.indexOf("all  127.0.0.1/32"));
  }
}
