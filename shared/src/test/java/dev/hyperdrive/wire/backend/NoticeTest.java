package dev.hyperdrive.wire.backend;

import static dev.hyperdrive.wire.backend.BackendBytes.decode;
import static dev.hyperdrive.wire.backend.BackendBytes.encode;
import static dev.hyperdrive.wire.backend.BackendBytes.fromHex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.SqlState;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoticeTest {

  @Test
  void errorFactoryWritesTheFieldsPostgresWritesInItsOrder() {
    ErrorResponse error = ErrorResponse.error(SqlState.TOO_MANY_CONNECTIONS, "pool exhausted")
        .withHint("raise default_pool_size")
        .withDetail("all 20 connections are in use");

    assertThat(codes(error.fields())).isEqualTo("SVCMDH");
    assertThat(error.severity()).isEqualTo("ERROR");
    assertThat(error.sqlState()).isEqualTo("53300");
    assertThat(error.message()).isEqualTo("pool exhausted");
    assertThat(error.fields().detail()).isEqualTo("all 20 connections are in use");
    assertThat(error.fields().hint()).isEqualTo("raise default_pool_size");
    assertThat(error.isFatal()).isFalse();
  }

  @Test
  void fatalIsFatalAndReplacingAFieldKeepsItsPlace() {
    ErrorResponse fatal = ErrorResponse.fatal(SqlState.INVALID_PASSWORD, "password authentication failed")
        .withDetail("first")
        .withDetail("second");

    assertThat(fatal.isFatal()).isTrue();
    assertThat(fatal.severity()).isEqualTo("FATAL");
    assertThat(codes(fatal.fields())).isEqualTo("SVCMD");
    assertThat(fatal.fields().detail()).isEqualTo("second");
  }

  @Test
  void noticeFactoryWritesSeverityCodeAndMessage() {
    NoticeResponse notice = NoticeResponse.of("WARNING", "01000", "careful").withHint("h");

    assertThat(codes(notice.fields())).isEqualTo("SVCMH");
    assertThat(notice.severity()).isEqualTo("WARNING");
  }

  @Test
  void refusesAMalformedSqlState() {
    assertThatThrownBy(() -> ErrorResponse.error("42p01", "lower case")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ErrorResponse.error("4201", "short")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesANulInsideAFieldBecauseItWouldEndTheStringEarly() {
    assertThatThrownBy(() -> ErrorResponse.error("XX000", "a\0b")).isInstanceOf(IllegalArgumentException.class);
  }

  /** A real error as PostgreSQL 17 sends it for {@code SELECT * FROM missing}: every field is reachable. */
  @Test
  void readsEveryFieldOfARealServerErrorAndReencodesItByteForByte() throws ProtocolException {
    String[][] fields = {
        {"S", "ERROR"}, {"V", "ERROR"}, {"C", "42P01"}, {"M", "relation \"missing\" does not exist"},
        {"D", "detail"}, {"H", "hint"}, {"P", "15"}, {"p", "3"}, {"q", "internal"}, {"W", "PL/pgSQL function"},
        {"s", "public"}, {"t", "users"}, {"c", "email"}, {"d", "text"}, {"n", "users_pkey"},
        {"F", "parse_relation.c"}, {"L", "1449"}, {"R", "parserOpenTable"}, {"Y", "a future field"},
    };
    StringBuilder body = new StringBuilder();
    for (String[] field : fields) {
      body.append(hex(field[0])).append(hex(field[1])).append("00");
    }
    body.append("00");
    String frame = "45" + String.format("%08x", body.length() / 2 + 4) + body;

    ErrorResponse error = (ErrorResponse) decode(fromHex(frame));
    Notice notice = error.fields();

    assertThat(List.of(notice.severity(), notice.severityNonLocalized(), notice.sqlState(), notice.message(),
            notice.detail(), notice.hint(), notice.position(), notice.internalPosition(), notice.internalQuery(),
            notice.where(), notice.schemaName(), notice.tableName(), notice.columnName(), notice.dataTypeName(),
            notice.constraintName(), notice.file(), notice.line(), notice.routine(), notice.get((byte) 'Y')))
        .containsExactly(java.util.Arrays.stream(fields).map(f -> f[1]).toArray(String[]::new));
    assertThat(BackendBytes.encodeToHex(error)).isEqualTo(frame);
  }

  @Test
  void keepsARepeatedCodeButReportsItsFirstValue() throws ProtocolException {
    byte[] frame = fromHex("4e 0000000e 53 6100 53 6200 4d 6300 00");

    NoticeResponse notice = (NoticeResponse) decode(frame);

    assertThat(notice.severity()).isEqualTo("a");
    assertThat(encode(notice)).isEqualTo(frame);
  }

  private static String codes(Notice notice) {
    StringBuilder codes = new StringBuilder();
    notice.fields().forEach(field -> codes.append((char) field.code()));
    return codes.toString();
  }

  private static String hex(String text) {
    return io.netty.buffer.ByteBufUtil.hexDump(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
