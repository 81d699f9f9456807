package dev.hyperdrive.wire.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.wire.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed frames: each is refused with a {@link ProtocolException} that says what is wrong. */
class FrontendDecoderTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown tag                     | 7a 00000004                        | invalid frontend message type 'z'",
      "length shorter than its field   | 51 00000003                        | invalid message length 3",
      "length beyond the buffer        | 51 00000010 5300                   | invalid message length 16",
      "header cut short                | 51 0000                            | message is truncated",
      "Sync with a body                | 53 00000005 00                     | 1 unexpected trailing bytes in Sync",
      "Query without terminator        | 51 00000006 5353                   | missing terminator",
      "Query with trailing bytes       | 51 00000007 530000                 | trailing bytes in Query",
      "Describe of an unknown target   | 44 00000006 58 00                  | invalid DESCRIBE/CLOSE message subtype 88",
      "Close without a target          | 43 00000004                        | message is truncated",
      "Parse count beyond the body     | 50 0000000c 00 00 0002 00000017    | count 2 exceeds the message body",
      "Bind with negative value length | 42 00000010 00 00 0000 0001 fffffffe 0000 | negative length -2",
      "Bind value beyond the body      | 42 00000010 00 00 0000 0001 00000009 0000 | message is truncated",
      "Execute without row limit       | 45 00000005 00                     | message is truncated",
      "FunctionCall without result fmt | 46 0000000c 00000001 0000 0000     | message is truncated",
      "password with two strings       | 70 00000008 61006200               | trailing bytes in PasswordMessage",
  })
  void refusesMalformedTaggedFrames(String name, String hex, String reason) {
    assertThatThrownBy(() -> decodeHex(hex, false))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "too short                        | 00000007 00030000 00                 | invalid length of startup packet: 7",
      "too long                         | 00002711 00030000                    | invalid length of startup packet: 10001",
      "protocol 2.0                     | 00000009 00020000 00                 | unsupported frontend protocol 2.0",
      "protocol 4.0                     | 00000009 00040000 00                 | unsupported frontend protocol 4.0",
      "SSLRequest with a body           | 00000009 04d2162f 00                 | SSLRequest must be 8 bytes",
      "CancelRequest without key        | 0000000c 04d2162e 00000001           | CancelRequest must be 16 bytes",
      "length beyond the buffer         | 00000020 00030000 00                 | incomplete startup packet",
      "no terminator                    | 0000000f 00030000 7573657200 6100    | expected terminator as last byte",
      "name without value               | 0000000e 00030000 7573657200 00      | expected terminator as last byte",
      "name without its NUL             | 0000000b 00030000 757365             | expected terminator as last byte",
      "bytes after the terminator       | 0000000b 00030000 00 6100            | expected terminator as last byte",
      "nothing after the version        | 00000008 00030000                    | expected terminator as last byte",
  })
  void refusesMalformedStartupPackets(String name, String hex, String reason) {
    assertThatThrownBy(() -> decodeHex(hex, true))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void decodesANewerMinorVersionForTheSessionToNegotiateDown() throws ProtocolException {
    StartupMessage startup = (StartupMessage) decodeHex(
        "0000001c 00030002 7573657200 626f6200 5f70715f2e7800 6f6e00 00", true);

    assertThat(startup.majorVersion()).isEqualTo(3);
    assertThat(startup.minorVersion()).isEqualTo(2);
    assertThat(startup.parameters()).containsExactly(Map.entry("user", "bob"), Map.entry("_pq_.x", "on"));
  }

  @Test
  void aRepeatedParameterKeepsItsPlaceAndTakesTheLastValue() throws ProtocolException {
    StartupMessage startup = (StartupMessage) decodeHex(
        "00000015 00030000 6100 3100 6200 3200 6100 3300 00", true);

    assertThat(startup.parameters()).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
  }

  @Test
  void anEmptyStartupMessageIsWellFormedLeavingTheMissingUserToTheSession() throws ProtocolException {
    StartupMessage startup = (StartupMessage) decodeHex("00000009 00030000 00", true);

    assertThat(startup.parameters()).isEmpty();
    assertThat(startup.parameter("user")).isNull();
  }

  @Test
  void refusesToBuildMessagesTheWireCannotCarry() {
    assertThatThrownBy(() -> new Query("SELECT 1\0; DROP TABLE t")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StartupMessage(Map.of("", "x"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StartupMessage(0x00020000, Map.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Parse("", "", new int[0x10000])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepsSecretsAndParameterValuesOutOfToString() {
    assertThat(new PasswordMessage("hunter2").toString()).doesNotContain("hunter2");
    assertThat(new CancelRequest(7, 987654321).toString()).doesNotContain("987654321");
    Bind bind = new Bind("", "", new short[0], java.util.List.of("secret".getBytes()), new short[0]);
    assertThat(bind.toString()).doesNotContain("secret").contains("6 bytes");
  }

  private static FrontendMessage decodeHex(String hex, boolean startup) throws ProtocolException {
    ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex.replace(" ", "")));
    try {
      return startup ? FrontendDecoder.decodeStartup(in) : FrontendDecoder.decode(in);
    } finally {
      in.release();
    }
  }
}
