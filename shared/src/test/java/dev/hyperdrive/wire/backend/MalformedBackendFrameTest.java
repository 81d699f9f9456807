package dev.hyperdrive.wire.backend;

import static dev.hyperdrive.wire.backend.BackendBytes.decode;
import static dev.hyperdrive.wire.backend.BackendBytes.fromHex;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.wire.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Frames a server must never send, each refused with a ProtocolException that says what is wrong. */
class MalformedBackendFrameTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown tag                          | 78 00000004                                    | invalid message type 'x'",
      "frontend tag Q                       | 51 00000005 00                                 | invalid message type 'Q'",
      "non-printable tag                    | 00 00000004                                    | type 0 from server",
      "shorter than a header                | 5a 000000                                      | at least 5 bytes",
      "unknown authentication code 6        | 52 00000008 00000006                           | authentication request code 6",
      "negative authentication code         | 52 00000008 ffffffff                           | authentication request code -1",
      "MD5 salt of 3 bytes                  | 52 0000000b 00000005 010203                    | truncated",
      "SASL list without terminator         | 52 00000016 0000000a 534352414d2d5348412d32353600 | missing terminator",
      "ReadyForQuery status X               | 5a 00000005 58                                 | transaction status",
      "ReadyForQuery status lower-case i    | 5a 00000005 69                                 | transaction status",
      "DataRow column length -2             | 44 0000000a 0001 fffffffe                      | negative length -2",
      "DataRow column longer than body      | 44 0000000b 0001 00000002 31                   | truncated",
      "DataRow count beyond body            | 44 00000006 ffff                               | count 65535",
      "RowDescription count beyond body     | 54 00000019 0002 696400 00004000 0001 00000017 0004 ffffffff | count 2",
      "ParameterDescription count too big   | 74 0000000a 0002 00000017                      | count 2",
      "CopyInResponse count too big         | 47 00000009 00 0002 0000                       | count 2",
      "NegotiateProtocolVersion count -1    | 76 0000000c 00000000 ffffffff                  | option count -1",
      "NegotiateProtocolVersion count 9     | 76 0000000e 00000000 00000009 6100             | option count 9",
      "FunctionCallResponse length -5       | 56 00000008 fffffffb                           | negative length -5",
      "CommandComplete without terminator   | 43 00000008 53454c45                           | missing terminator",
      "ErrorResponse without list end       | 45 0000000b 53 4552524f5200                    | truncated",
      "BackendKeyData of protocol 3.2 size  | 4b 00000010 000004d2 01020304 05060708         | trailing",
      "BindComplete with a body             | 32 00000005 00                                 | trailing",
  })
  void refuses(String description, String hex, String reason) {
    assertThatThrownBy(() -> decode(fromHex(hex)))
        .as(description)
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void acceptsAnEmptyFieldListAndAnEmptyMechanismListBecausePostgresDoesNotForbidThem() throws ProtocolException {
    // Not refusing what the format allows matters as much as refusing what it does not.
    decode(fromHex("45 00000005 00"));
    decode(fromHex("52 00000009 0000000a 00"));
    decode(fromHex("44 00000006 0000"));
  }
}
