package dev.hyperdrive.wire.backend;

import static dev.hyperdrive.wire.backend.BackendBytes.decode;
import static dev.hyperdrive.wire.backend.BackendBytes.decodeAtOffset;
import static dev.hyperdrive.wire.backend.BackendBytes.encodeToHex;
import static dev.hyperdrive.wire.backend.BackendBytes.fromHex;
import static dev.hyperdrive.wire.backend.BackendBytes.withBodyLength;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.hyperdrive.wire.ProtocolException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every backend message against bytes written by hand from
 * https://www.postgresql.org/docs/current/protocol-message-formats.html (tag, Int32 length, body).
 */
class BackendMessageBytesTest {

  /** Message, its frame in hex, and whether its body ends in opaque bytes (where extra or fewer bytes stay valid). */
  static Stream<Arguments> documentedFrames() {
    return Stream.of(
        frame(AuthenticationOk.INSTANCE, "52 00000008 00000000"),
        frame(AuthenticationKerberosV5.INSTANCE, "52 00000008 00000002"),
        frame(AuthenticationCleartextPassword.INSTANCE, "52 00000008 00000003"),
        frame(new AuthenticationMd5Password(new byte[] {1, 2, 3, 4}), "52 0000000c 00000005 01020304"),
        frame(AuthenticationGss.INSTANCE, "52 00000008 00000007"),
        opaque(new AuthenticationGssContinue(bytes("abc")), "52 0000000b 00000008 616263"),
        frame(AuthenticationSspi.INSTANCE, "52 00000008 00000009"),
        frame(new AuthenticationSasl(List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256")),
            "52 0000002a 0000000a 534352414d2d5348412d3235362d504c555300 534352414d2d5348412d32353600 00"),
        opaque(new AuthenticationSaslContinue(bytes("r=x")), "52 0000000b 0000000b 723d78"),
        opaque(new AuthenticationSaslFinal(bytes("v=y")), "52 0000000b 0000000c 763d79"),
        frame(new BackendKeyData(1234, 0x01020304), "4b 0000000c 000004d2 01020304"),
        frame(ParseComplete.INSTANCE, "31 00000004"),
        frame(BindComplete.INSTANCE, "32 00000004"),
        frame(CloseComplete.INSTANCE, "33 00000004"),
        frame(NoData.INSTANCE, "6e 00000004"),
        frame(EmptyQueryResponse.INSTANCE, "49 00000004"),
        frame(PortalSuspended.INSTANCE, "73 00000004"),
        frame(CopyDone.INSTANCE, "63 00000004"),
        frame(new CommandComplete("SELECT 1"), "43 0000000d 53454c454354203100"),
        frame(new CopyInResponse((byte) 0, new short[] {0, 0}), "47 0000000b 00 0002 0000 0000"),
        frame(new CopyOutResponse((byte) 1, new short[] {1}), "48 00000009 01 0001 0001"),
        frame(new CopyBothResponse((byte) 0, new short[0]), "57 00000007 00 0000"),
        opaque(new CopyData(bytes("hi")), "64 00000006 6869"),
        frame(new DataRow(Arrays.asList(bytes("1"), null, new byte[0])),
            "44 00000013 0003 00000001 31 ffffffff 00000000"),
        frame(ErrorResponse.error("42P01", "x").withDetail("d"),
            "45 00000020 53 4552524f5200 56 4552524f5200 43 343250303100 4d 7800 44 6400 00"),
        frame(new NoticeResponse(new Notice(List.of(
                new Notice.Field(Notice.SEVERITY, "NOTICE"), new Notice.Field((byte) 'Z', "z")))),
            "4e 00000010 53 4e4f5449434500 5a 7a00 00"),
        frame(new FunctionCallResponse(null), "56 00000008 ffffffff"),
        frame(new FunctionCallResponse(new byte[] {42}), "56 00000009 00000001 2a"),
        frame(new NegotiateProtocolVersion(0, List.of("_pq_.x")), "76 00000013 00000000 00000001 5f70715f2e7800"),
        frame(new NotificationResponse(7, "ch", "hi"), "41 0000000e 00000007 636800 686900"),
        frame(new ParameterDescription(new int[] {23, 25}), "74 0000000e 0002 00000017 00000019"),
        frame(new ParameterStatus("a", "b"), "53 00000008 6100 6200"),
        frame(ReadyForQuery.IDLE, "5a 00000005 49"),
        frame(ReadyForQuery.IN_TRANSACTION, "5a 00000005 54"),
        frame(ReadyForQuery.FAILED, "5a 00000005 45"),
        frame(new RowDescription(List.of(
                new RowDescription.Field("id", 0x4000, (short) 1, 23, (short) 4, -1, (short) 0))),
            "54 0000001b 0001 696400 00004000 0001 00000017 0004 ffffffff 0000"));
  }

  private static Arguments frame(BackendMessage message, String hex) {
    return arguments(message, hex, false);
  }

  private static Arguments opaque(BackendMessage message, String hex) {
    return arguments(message, hex, true);
  }

  static byte[] bytes(String ascii) {
    return ascii.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedFrames")
  void encodesToTheDocumentedBytes(BackendMessage message, String hex) {
    assertThat(encodeToHex(message)).isEqualTo(hex.replace(" ", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedFrames")
  void decodesTheDocumentedBytesAtAnyOffset(BackendMessage message, String hex) throws ProtocolException {
    assertThat(decode(fromHex(hex))).isEqualTo(message);
    assertThat(decodeAtOffset(fromHex(hex), 7)).isEqualTo(message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedFrames")
  void rejectsEveryTruncatedBody(BackendMessage message, String hex, boolean opaqueTail) {
    byte[] frame = fromHex(hex);
    int bodyLength = frame.length - 5;
    // An opaque tail (GSS/SASL data, CopyData) may be any length, so only cuts into the fixed part are invalid.
    int shortestValid = opaqueTail ? fixedPartLength(message) : bodyLength;
    for (int cut = 0; cut < shortestValid; cut++) {
      byte[] truncated = withBodyLength(frame, cut);
      assertThatThrownBy(() -> decode(truncated))
          .as("body cut to %d bytes", cut)
          .isInstanceOf(ProtocolException.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedFrames")
  void rejectsTrailingBytes(BackendMessage message, String hex, boolean opaqueTail) {
    if (opaqueTail) {
      return;
    }
    byte[] frame = fromHex(hex);
    byte[] longer = withBodyLength(frame, frame.length - 5 + 1);
    assertThatThrownBy(() -> decode(longer))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("trailing");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedFrames")
  void rejectsALengthFieldThatDisagreesWithTheFrame(BackendMessage message, String hex) {
    for (int delta : new int[] {-1, 1, Integer.MIN_VALUE}) {
      byte[] frame = fromHex(hex);
      BackendBytes.writeInt32(frame, 1, frame.length - 1 + delta);
      assertThatThrownBy(() -> decode(frame)).isInstanceOf(ProtocolException.class).hasMessageContaining("length");
    }
  }

  private static int fixedPartLength(BackendMessage message) {
    return message instanceof Authentication ? Integer.BYTES : 0;
  }
}
