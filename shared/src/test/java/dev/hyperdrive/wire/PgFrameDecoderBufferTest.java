package dev.hyperdrive.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The buffer that holds a partial frame between reads stays small during a long stream whose frames are
 * released only after the read completes (as the endpoint's relay does: its session runs on another thread).
 */
class PgFrameDecoderBufferTest {
  private static final int ROW_BYTES = 1_000;
  private static final int READ_BYTES = 64 * 1024;

  @Test
  void aLongStreamReleasedLateKeepsTheBufferSmall() {
    PgFrameDecoder decoder = new PgFrameDecoder(Direction.BACKEND, MessageLimits.DEFAULT);
    EmbeddedChannel channel = new EmbeddedChannel(decoder);
    byte[] stream = dataRows(20_000); // about 20 MB, fed in reads that end inside a row
    int frames = 0;
    int largestCapacity = 0;
    for (int offset = 0; offset < stream.length; offset += READ_BYTES) {
      int length = Math.min(READ_BYTES, stream.length - offset);
      channel.writeInbound(Unpooled.wrappedBuffer(stream, offset, length)); // read, then read-complete
      List<ByteBuf> held = drain(channel); // released only now, after read-complete
      frames += held.size();
      held.forEach(ByteBuf::release);
      largestCapacity = Math.max(largestCapacity, decoder.bufferedCapacity());
    }

    assertThat(frames).isEqualTo(20_000);
    assertThat(largestCapacity).as("bytes buffered between reads").isLessThan(4 * READ_BYTES);
    channel.finishAndReleaseAll();
  }

  @Test
  void readOnlyInputThatEndsInsideAFrameIsReassembled() {
    // The endpoint frames relayed bytes wrapped read-only from protobuf: such a buffer cannot be compacted.
    EmbeddedChannel channel = new EmbeddedChannel(new PgFrameDecoder(Direction.BACKEND, MessageLimits.DEFAULT));
    byte[] stream = dataRows(3);
    int cut = stream.length - 500;
    channel.writeInbound(Unpooled.wrappedBuffer(ByteBuffer.wrap(stream, 0, cut).asReadOnlyBuffer()));
    List<ByteBuf> first = drain(channel);
    first.forEach(ByteBuf::release);
    channel.writeInbound(Unpooled.wrappedBuffer(ByteBuffer.wrap(stream, cut, 500).asReadOnlyBuffer()));
    List<ByteBuf> second = drain(channel);

    assertThat(first).hasSize(2);
    assertThat(second).hasSize(1);
    assertThat(second.get(0).readableBytes()).isEqualTo(1 + 4 + 2 + 4 + ROW_BYTES);
    second.forEach(ByteBuf::release);
    channel.finishAndReleaseAll();
  }

  private static List<ByteBuf> drain(EmbeddedChannel channel) {
    List<ByteBuf> frames = new ArrayList<>();
    ByteBuf frame;
    while ((frame = channel.readInbound()) != null) {
      frames.add(frame);
    }
    return frames;
  }

  /** DataRow frames ('D', length, one column of ROW_BYTES bytes). */
  private static byte[] dataRows(int count) {
    ByteBuf rows = Unpooled.buffer();
    for (int i = 0; i < count; i++) {
      rows.writeByte('D').writeInt(4 + 2 + 4 + ROW_BYTES).writeShort(1).writeInt(ROW_BYTES);
      rows.writeZero(ROW_BYTES);
    }
    return ByteBufUtil.getBytes(rows);
  }
}
