package dev.hyperdrive.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionCommandsTest {

  private static List<SessionCommand> commands(String sql) {
    return SessionCommands.of(sql, true);
  }

  private static SessionCommand one(String sql) {
    List<SessionCommand> commands = commands(sql);
    assertThat(commands).as(sql).hasSize(1);
    return commands.get(0);
  }

  @Test
  void setFormsNameTheSettingAndKeepTheValueAsWritten() {
    assertThat(one("SET search_path TO app, public"))
        .isEqualTo(new SessionCommand.Set("search_path", "app, public", "search_path TO app, public"));
    assertThat(one("set SESSION TimeZone = 'Europe/London'"))
        .isEqualTo(new SessionCommand.Set("timezone", "'Europe/London'", "timezone TO 'Europe/London'"));
    assertThat(one("SET TIME ZONE 'UTC'")).isEqualTo(new SessionCommand.Set("timezone", "'UTC'", "TIME ZONE 'UTC'"));
    assertThat(one("SET SESSION TIME ZONE INTERVAL '+02:00' HOUR TO MINUTE")).isEqualTo(new SessionCommand.Set(
        "timezone", "INTERVAL '+02:00' HOUR TO MINUTE", "TIME ZONE INTERVAL '+02:00' HOUR TO MINUTE"));
    assertThat(one("SET NAMES 'LATIN1'")).isEqualTo(new SessionCommand.Set("client_encoding", "'LATIN1'", "NAMES 'LATIN1'"));
    assertThat(one("SET SCHEMA 'app'")).isEqualTo(new SessionCommand.Set("search_path", "'app'", "SCHEMA 'app'"));
    assertThat(one("SET ROLE reader")).isEqualTo(new SessionCommand.Set("role", "reader", "ROLE reader"));
    assertThat(one("SET XML OPTION DOCUMENT"))
        .isEqualTo(new SessionCommand.Set("xmloption", "DOCUMENT", "XML OPTION DOCUMENT"));
    assertThat(one("SET myapp.tenant = '42'"))
        .isEqualTo(new SessionCommand.Set("myapp.tenant", "'42'", "myapp.tenant TO '42'"));
    assertThat(one("SET \"DateStyle\" TO ISO, DMY"))
        .isEqualTo(new SessionCommand.Set("DateStyle", "ISO, DMY", "DateStyle TO ISO, DMY"));
  }

  @Test
  void resetsAndDefaults() {
    assertThat(one("SET extra_float_digits TO DEFAULT")).isEqualTo(new SessionCommand.Reset("extra_float_digits"));
    assertThat(one("SET TIME ZONE LOCAL")).isEqualTo(new SessionCommand.Reset("timezone"));
    assertThat(one("RESET bytea_output")).isEqualTo(new SessionCommand.Reset("bytea_output"));
    assertThat(one("RESET TIME ZONE")).isEqualTo(new SessionCommand.Reset("timezone"));
    assertThat(one("RESET ROLE")).isEqualTo(new SessionCommand.Reset("role"));
    assertThat(one("reset all")).isSameAs(SessionCommand.ResetAll.INSTANCE);
    assertThat(one("DISCARD ALL")).isSameAs(SessionCommand.DiscardAll.INSTANCE);
    assertThat(commands("DISCARD PLANS")).isEmpty();
  }

  @Test
  void deallocate() {
    assertThat(one("DEALLOCATE s1")).isEqualTo(new SessionCommand.Deallocate("s1"));
    assertThat(one("DEALLOCATE PREPARE \"S_1\"")).isEqualTo(new SessionCommand.Deallocate("S_1"));
    assertThat(one("DEALLOCATE ALL")).isSameAs(SessionCommand.DeallocateAll.INSTANCE);
  }

  @Test
  void transactionScopedFormsLeaveNothingBehind() {
    assertThat(commands("SET LOCAL search_path TO x")).isEmpty();
    assertThat(commands("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")).isEmpty();
    assertThat(commands("SET CONSTRAINTS ALL DEFERRED")).isEmpty();
    assertThat(commands("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")).isEmpty();
    assertThat(commands("SELECT 1; BEGIN; COMMIT")).isEmpty();
  }

  @Test
  void whatCannotBeFollowedSaysSo() {
    assertThat(one("SELECT set_config('search_path', 'x', false)")).isInstanceOf(SessionCommand.Untrackable.class);
    assertThat(one("SELECT pg_catalog.set_config('a.b', 'x', false)")).isInstanceOf(SessionCommand.Untrackable.class);
    assertThat(one("DO $$ BEGIN PERFORM 1; END $$")).isInstanceOf(SessionCommand.Untrackable.class);
    assertThat(one("CALL my_procedure()")).isInstanceOf(SessionCommand.Untrackable.class);
    assertThat(one("SET SESSION AUTHORIZATION other")).isInstanceOf(SessionCommand.Untrackable.class);
    assertThat(one("RESET SESSION AUTHORIZATION")).isInstanceOf(SessionCommand.Untrackable.class);
    assertThat(one("SET search_path")).isInstanceOf(SessionCommand.Untrackable.class);
  }

  @Test
  void theLexerKeepsStringsAndCommentsFromLookingLikeCommands() {
    assertThat(commands("SELECT 'set_config(x)' /* SET search_path TO x */")).isEmpty();
    assertThat(commands("SELECT \"set_config\" FROM t")).isEmpty();
    assertThat(commands("SET a.b TO 'x'; RESET c; SELECT 1"))
        .containsExactly(new SessionCommand.Set("a.b", "'x'", "a.b TO 'x'"), new SessionCommand.Reset("c"));
    assertThat(commands("SET x TO 'unterminated")).isEmpty();
  }
}
