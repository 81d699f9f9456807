package dev.hyperdrive.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufUtil;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Framing, startup sequencing and every kind of refusal, through a real Netty pipeline. */
class PgFrameDecoderTest {
  private static final String STARTUP = "00000012 00030000 7573657200 626f6200 00";
  private static final String SSL_REQUEST = "00000008 04d2162f";
  private static final String QUERY = "51 0000000d 53454c4543542031 00";
  private static final String PARSE = "50 00000017 733100 53454c454354202431 00 0001 00000017";
  private static final String SYNC = "53 00000004";
  private static final List<String> SESSION = List.of(STARTUP, QUERY, PARSE, SYNC);

  @Test
  void emitsEachFrameWhole() {
    try (FrameRecorder recorder = frontend()) {
      recorder.writeHex(String.join("", SESSION));

      assertThat(recorder.frameHex()).containsExactlyElementsOf(compact(SESSION));
      assertThat(recorder.errors()).isEmpty();
    }
  }

  @Test
  void reassemblesFramesSplitAtEveryPossibleBoundary() {
    byte[] stream = hex(String.join("", SESSION));
    for (int first = 0; first <= stream.length; first++) {
      for (int second = first; second <= stream.length; second += 3) {
        try (FrameRecorder recorder = frontend()) {
          recorder.write(stream, 0, first).write(stream, first, second - first)
              .write(stream, second, stream.length - second);

          assertThat(recorder.frameHex()).as("split at %d and %d", first, second)
              .containsExactlyElementsOf(compact(SESSION));
        }
      }
    }
  }

  @Test
  void tellsWhetherAReadEndedInsideAFrame() {
    PgFrameDecoder decoder = new PgFrameDecoder(Direction.FRONTEND, MessageLimits.DEFAULT);
    byte[] stream = hex(STARTUP + QUERY);
    try (FrameRecorder recorder = new FrameRecorder(decoder)) {
      recorder.write(stream, 0, stream.length - 3);
      assertThat(decoder.holdsPartialFrame()).isTrue();
      recorder.write(stream, stream.length - 3, 3);
      assertThat(decoder.holdsPartialFrame()).isFalse();
    }
  }

  @Test
  void reassemblesFramesFedOneByteAtATime() {
    byte[] stream = hex(String.join("", SESSION));
    try (FrameRecorder recorder = frontend()) {
      for (int i = 0; i < stream.length; i++) {
        recorder.write(stream, i, 1);
      }
      assertThat(recorder.frameHex()).containsExactlyElementsOf(compact(SESSION));
    }
  }

  @Test
  void startsAgainAfterAnEncryptionRequestTheClientWaitedOn() {
    try (FrameRecorder recorder = frontend()) {
      recorder.writeHex(SSL_REQUEST).writeHex("00000008 04d21630").writeHex(STARTUP + QUERY);

      assertThat(recorder.frameHex()).containsExactly(
          compact(SSL_REQUEST), "0000000804d21630", compact(STARTUP), compact(QUERY));
      assertThat(recorder.errors()).isEmpty();
    }
  }

  @Test
  void refusesBytesSentAfterAnEncryptionRequestBeforeTheAnswer() {
    try (FrameRecorder recorder = frontend()) {
      recorder.writeHex(SSL_REQUEST + STARTUP);

      assertRefusedOnce(recorder, "received unencrypted data after SSL request");
    }
  }

  @Test
  void switchesToTaggedFramesAfterACancelRequest() {
    try (FrameRecorder recorder = frontend()) {
      recorder.writeHex("00000010 04d2162e 000004d2 0a0b0c0d" + SYNC);

      assertThat(recorder.frameHex()).containsExactly("0000001004d2162e000004d20a0b0c0d", compact(SYNC));
    }
  }

  @Test
  void startsTaggedWhenToldTheStartupIsOver() {
    try (FrameRecorder recorder = new FrameRecorder(
        new PgFrameDecoder(Direction.FRONTEND, MessageLimits.DEFAULT, false))) {
      recorder.writeHex(QUERY + SYNC);

      assertThat(recorder.frameHex()).containsExactly(compact(QUERY), compact(SYNC));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // Each input is refused as soon as its header is in: none of them carries its claimed body.
      "startup packet too short      | 00000007                | invalid length of startup packet: 7",
      "startup packet too long       | 00002711                | invalid length of startup packet: 10001",
      "negative startup length       | ffffffff                | invalid length of startup packet: -1",
      "protocol 2.0                  | 00000100 00020000       | unsupported frontend protocol 2.0",
      "HTTP instead of Postgres      | 47455420 2f20485454     | invalid length of startup packet",
      "oversized SSLRequest          | 00000010 04d2162f       | SSLRequest must be 8 bytes",
      "short CancelRequest           | 0000000c 04d2162e       | CancelRequest must be 16 bytes",
  })
  void refusesBadStartupPacketsAtOnce(String name, String hex, String reason) {
    try (FrameRecorder recorder = frontend()) {
      recorder.writeHex(hex);

      assertRefusedOnce(recorder, reason);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown tag, before its length | 7a                | invalid frontend message type 'z'",
      "backend tag from a client      | 5a 00000005 49    | invalid frontend message type 'Z'",
      "negative length                | 51 ffffffff       | invalid message length -1",
      "length below its own size      | 51 00000003       | invalid message length 3",
      "Sync with a body               | 53 00000005 00    | invalid message length 5 for message type 'S'",
      "Terminate with a body          | 58 00000008       | invalid message length 8 for message type 'X'",
      "Flush too short                | 48 00000000       | invalid message length 0 for message type 'H'",
      "CopyDone with a body           | 63 00000005       | invalid message length 5 for message type 'c'",
      "Describe over the small limit  | 44 00002711       | invalid message length 10001 for message type 'D'",
      "Execute over the small limit   | 45 7fffffff       | invalid message length 2147483647",
      "password over the auth limit   | 70 00010000       | invalid message length 65536 for message type 'p'",
      "Query over the large limit     | 51 00100001       | invalid message length 1048577 for message type 'Q'",
      "CopyData over the large limit  | 64 40000000       | invalid message length 1073741824 for message type 'd'",
  })
  void refusesBadTaggedFramesOnTheirHeader(String name, String hex, String reason) {
    try (FrameRecorder recorder = frontend()) {
      recorder.writeHex(STARTUP + hex);

      assertThat(recorder.frameHex()).containsExactly(compact(STARTUP));
      assertRefusedOnce(recorder, reason);
    }
  }

  @Test
  void acceptsMessagesUpToEachLimit() {
    try (FrameRecorder recorder = frontend()) {
      recorder.writeHex(STARTUP)
          .writeHex("44 00002710").write(new byte[10_000 - 4])
          .writeHex("70 0000ffff").write(new byte[0xffff - 4])
          .writeHex("64 00100000").write(new byte[(1 << 20) - 4]);

      assertThat(recorder.frames()).extracting(Frames::tag).containsExactly((byte) 0, (byte) 'D', (byte) 'p', (byte) 'd');
      assertThat(recorder.frames()).extracting(Frames::bodyLength).endsWith(10_000 - 4, 0xffff - 4, (1 << 20) - 4);
      assertThat(recorder.errors()).isEmpty();
    }
  }

  @Test
  void discardsEverythingAfterTheFirstViolation() {
    try (FrameRecorder recorder = frontend()) {
      recorder.writeHex(STARTUP + QUERY + "7a").writeHex(QUERY + SYNC).writeHex("ffffffffff").writeHex(SYNC);

      assertThat(recorder.frameHex()).containsExactly(compact(STARTUP), compact(QUERY));
      assertRefusedOnce(recorder, "invalid frontend message type");
    }
  }

  @Test
  void readsBackendFramesWithTheirOwnTagsAndFixedLengths() {
    String stream = "52 00000008 00000000" // AuthenticationOk
        + "4b 0000000c 000004d2 0a0b0c0d" // BackendKeyData
        + "5a 00000005 49" // ReadyForQuery
        + "31 00000004 32 00000004 33 00000004 6e 00000004 73 00000004 49 00000004 63 00000004";
    try (FrameRecorder recorder = backend()) {
      recorder.writeHex(stream);

      assertThat(recorder.frames()).extracting(Frames::tag).containsExactly(
          (byte) 'R', (byte) 'K', (byte) 'Z', (byte) '1', (byte) '2', (byte) '3', (byte) 'n', (byte) 's',
          (byte) 'I', (byte) 'c');
      assertThat(recorder.errors()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "frontend tag from a server     | 51 00000005         | invalid backend message type 'Q'",
      "ReadyForQuery without status   | 5a 00000004         | invalid message length 4 for message type 'Z'",
      "BackendKeyData of protocol 3.2 | 4b 00000024         | invalid message length 36 for message type 'K'",
      "ParseComplete with a body      | 31 00000005         | invalid message length 5 for message type '1'",
      "DataRow over the limit         | 44 00100001         | invalid message length 1048577 for message type 'D'",
  })
  void refusesBadBackendFrames(String name, String hex, String reason) {
    try (FrameRecorder recorder = backend()) {
      recorder.writeHex(hex);

      assertRefusedOnce(recorder, reason);
    }
  }

  @Test
  void onlyFrontendStreamsBeginWithStartupPackets() {
    assertThatThrownBy(() -> new PgFrameDecoder(Direction.BACKEND, MessageLimits.DEFAULT, true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertRefusedOnce(FrameRecorder recorder, String reason) {
    assertThat(recorder.errors()).singleElement()
        .isInstanceOf(ProtocolException.class)
        .satisfies(error -> assertThat(error.getMessage()).contains(reason));
    assertThat(recorder.events().get(recorder.events().size() - 1).error())
        .as("nothing follows the refusal").isNotNull();
  }

  /** A 1 MiB large-message limit keeps the oversize tests small. */
  private static FrameRecorder frontend() {
    return new FrameRecorder(new PgFrameDecoder(Direction.FRONTEND, new MessageLimits(1 << 20)));
  }

  private static FrameRecorder backend() {
    return new FrameRecorder(new PgFrameDecoder(Direction.BACKEND, new MessageLimits(1 << 20)));
  }

  private static byte[] hex(String hex) {
    return ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
  }

  private static String compact(String hex) {
    return hex.replace(" ", "");
  }

  private static List<String> compact(List<String> hex) {
    return hex.stream().map(PgFrameDecoderTest::compact).toList();
  }
}
