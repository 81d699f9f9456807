package dev.hyperdrive.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The handler after a {@link PgFrameDecoder} in tests: keeps every frame and every exception, in the
 * order they arrived, so a test can check that a violation is reported once and nothing follows it.
 */
public final class FrameRecorder extends ChannelInboundHandlerAdapter implements AutoCloseable {
  /** One thing that reached the recorder: a frame or an exception. */
  public record Event(ByteBuf frame, Throwable error) {}

  private final List<Event> events = new ArrayList<>();
  private final EmbeddedChannel channel;

  /** Leaks Netty's detector reported; at paranoid level it sees every buffer, once the GC has run. */
  private static final List<String> LEAKS = Collections.synchronizedList(new ArrayList<>());

  static {
    ByteBufUtil.setLeakListener((resourceType, records) -> LEAKS.add(resourceType + ": " + records));
  }

  public FrameRecorder(PgFrameDecoder decoder) {
    this.channel = new EmbeddedChannel(decoder, this);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    events.add(new Event((ByteBuf) message, null));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    events.add(new Event(null, cause));
  }

  /** Writes bytes to the decoder as one read from the socket. */
  public FrameRecorder write(byte[] bytes, int offset, int length) {
    channel.writeInbound(Unpooled.copiedBuffer(bytes, offset, length));
    return this;
  }

  public FrameRecorder write(byte[] bytes) {
    return write(bytes, 0, bytes.length);
  }

  public FrameRecorder writeHex(String hex) {
    return write(ByteBufUtil.decodeHexDump(hex.replace(" ", "")));
  }

  public List<Event> events() {
    return events;
  }

  public List<ByteBuf> frames() {
    List<ByteBuf> frames = new ArrayList<>();
    for (Event event : events) {
      if (event.frame() != null) {
        frames.add(event.frame());
      }
    }
    return frames;
  }

  public List<String> frameHex() {
    List<String> hex = new ArrayList<>();
    for (ByteBuf frame : frames()) {
      hex.add(ByteBufUtil.hexDump(frame));
    }
    return hex;
  }

  public List<Throwable> errors() {
    List<Throwable> errors = new ArrayList<>();
    for (Event event : events) {
      if (event.error() != null) {
        errors.add(event.error());
      }
    }
    return errors;
  }

  /**
   * Ends the connection (as the peer closing it would) and releases every frame received: the recorder
   * owns them, so tests read frames but never release them.
   */
  @Override
  public void close() {
    channel.finishAndReleaseAll();
    List<ByteBuf> frames = frames();
    frames.forEach(ByteBuf::release);
    // Frames may share their parent's count (Netty 4.2's adaptive allocator), so only once every one is
    // released can each be expected at zero: a frame retained twice, or a cumulation kept, shows here.
    for (ByteBuf frame : frames) {
      if (frame.refCnt() != 0) {
        throw new AssertionError("frame still referenced after release: " + frame);
      }
    }
    if (!LEAKS.isEmpty()) {
      throw new AssertionError("Netty reported leaked buffers: " + LEAKS);
    }
  }
}
