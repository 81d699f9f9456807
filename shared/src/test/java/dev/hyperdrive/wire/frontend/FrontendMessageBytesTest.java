package dev.hyperdrive.wire.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every frontend message against bytes written by hand from
 * https://www.postgresql.org/docs/current/protocol-message-formats.html: the encoder must produce them
 * exactly, and the decoder must read them back, also from the middle of a larger buffer.
 */
class FrontendMessageBytesTest {

  /** How a frame is decoded: startup packet, or tagged with the meaning of 'p'. */
  enum Mode { STARTUP, TAGGED, SASL_INITIAL, SASL_RESPONSE }

  static Stream<Arguments> messages() {
    Map<String, String> startupParameters = new LinkedHashMap<>();
    startupParameters.put("user", "bob");
    startupParameters.put("database", "db");
    return Stream.of(
        // Untagged startup-phase packets: Int32 length, Int32 code, body.
        row(new StartupMessage(startupParameters), Mode.STARTUP,
            "0000001e 00030000 7573657200 626f6200 646174616261736500 646200 00"),
        row(new StartupMessage(StartupMessage.PROTOCOL_3_0 | 2, Map.of()), Mode.STARTUP,
            "00000009 00030002 00"),
        row(SslRequest.INSTANCE, Mode.STARTUP, "00000008 04d2162f"),
        row(GssEncRequest.INSTANCE, Mode.STARTUP, "00000008 04d21630"),
        row(new CancelRequest(1234, 0x0a0b0c0d), Mode.STARTUP, "00000010 04d2162e 000004d2 0a0b0c0d"),
        // Authentication responses share the tag 'p'.
        row(new PasswordMessage("pw"), Mode.TAGGED, "70 00000007 707700"),
        row(new SaslInitialResponse("SCRAM-SHA-256", ascii("n,,n=,r=abc")), Mode.SASL_INITIAL,
            "70 00000021 5343 52414d2d5348412d32353600 0000000b 6e2c2c6e3d2c723d616263"),
        row(new SaslInitialResponse("SCRAM-SHA-256", null), Mode.SASL_INITIAL,
            "70 00000016 5343 52414d2d5348412d32353600 ffffffff"),
        row(new SaslResponse(ascii("c=biws")), Mode.SASL_RESPONSE, "70 0000000a 633d62697773"),
        // Simple and extended query.
        row(new Query("SELECT 1"), Mode.TAGGED, "51 0000000d 53454c4543542031 00"),
        row(new Parse("s1", "SELECT $1", new int[] {23}), Mode.TAGGED,
            "50 00000017 733100 53454c454354202431 00 0001 00000017"),
        row(new Parse("", "", new int[0]), Mode.TAGGED, "50 00000008 00 00 0000"),
        row(new Bind("p", "s1", new short[] {1}, Arrays.asList(new byte[] {0, 0, 0, 1}, null), new short[] {0, 1}),
            Mode.TAGGED,
            "42 00000021 7000 733100 0001 0001 0002 00000004 00000001 ffffffff 0002 0000 0001"),
        row(new Bind("", "", new short[0], List.of(), new short[0]), Mode.TAGGED, "42 0000000c 00 00 0000 0000 0000"),
        row(new Describe(Target.STATEMENT, "s1"), Mode.TAGGED, "44 00000008 53 733100"),
        row(new Describe(Target.PORTAL, ""), Mode.TAGGED, "44 00000006 50 00"),
        row(new Close(Target.PORTAL, "p"), Mode.TAGGED, "43 00000007 50 7000"),
        row(new Close(Target.STATEMENT, "s1"), Mode.TAGGED, "43 00000008 53 733100"),
        row(new Execute("", 0), Mode.TAGGED, "45 00000009 00 00000000"),
        row(new Execute("p", 100), Mode.TAGGED, "45 0000000a 7000 00000064"),
        row(Sync.INSTANCE, Mode.TAGGED, "53 00000004"),
        row(Flush.INSTANCE, Mode.TAGGED, "48 00000004"),
        row(Terminate.INSTANCE, Mode.TAGGED, "58 00000004"),
        // COPY FROM STDIN.
        row(new CopyData(new byte[] {1, 2, 3}), Mode.TAGGED, "64 00000007 010203"),
        row(new CopyData(new byte[0]), Mode.TAGGED, "64 00000004"),
        row(CopyDone.INSTANCE, Mode.TAGGED, "63 00000004"),
        row(new CopyFail("no"), Mode.TAGGED, "66 00000007 6e6f00"),
        // Fast-path function call: int4 argument 42 in binary, binary result.
        row(new FunctionCall(1598, new short[] {1}, Arrays.asList(new byte[] {42}, null), (short) 1), Mode.TAGGED,
            "46 00000019 0000063e 0001 0001 0002 00000001 2a ffffffff 0001"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void encodesToTheDocumentedBytes(FrontendMessage message, Mode mode, String hex) {
    ByteBuf out = Unpooled.buffer();
    try {
      message.encode(out);
      assertThat(ByteBufUtil.hexDump(out)).isEqualTo(compact(hex));
    } finally {
      out.release();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void decodesFromTheMiddleOfABuffer(FrontendMessage message, Mode mode, String hex) throws ProtocolException {
    byte[] frame = ByteBufUtil.decodeHexDump(compact(hex));
    ByteBuf in = Unpooled.buffer();
    try {
      in.writeBytes(new byte[] {(byte) 0xEE, (byte) 0xEE, (byte) 0xEE}).writeBytes(frame).writeByte(0x7F);
      in.readerIndex(3);

      assertThat(decode(in, mode)).isEqualTo(message).hasSameHashCodeAs(message);
      assertThat(in.readerIndex()).as("consumed exactly the frame").isEqualTo(3 + frame.length);
      assertThat(in.refCnt()).as("the decoder does not release").isEqualTo(1);
    } finally {
      in.release();
    }
  }

  static FrontendMessage decode(ByteBuf in, Mode mode) throws ProtocolException {
    switch (mode) {
      case STARTUP: return FrontendDecoder.decodeStartup(in);
      case TAGGED: return FrontendDecoder.decode(in);
      case SASL_INITIAL: return FrontendDecoder.decode(in, AuthResponseKind.SASL_INITIAL);
      case SASL_RESPONSE: return FrontendDecoder.decode(in, AuthResponseKind.SASL_RESPONSE);
      default: throw new AssertionError(mode);
    }
  }

  private static Arguments row(FrontendMessage message, Mode mode, String hex) {
    return Arguments.of(message, mode, hex);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static String compact(String hex) {
    return hex.replace(" ", "");
  }
}
