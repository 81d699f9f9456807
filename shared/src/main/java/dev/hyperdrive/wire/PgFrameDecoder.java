package dev.hyperdrive.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a PostgreSQL byte stream into frames and refuses what PostgreSQL would refuse, before buffering it.
 *
 * <p>Emits one {@link ByteBuf} per complete frame, header included, as a retained slice of the input; the
 * next handler owns and releases it. Lengths are checked as soon as the header arrives, so a frame that
 * claims a gigabyte it may not have is refused without waiting for the bytes. The first violation fires
 * {@code exceptionCaught} with a {@link ProtocolException} exactly once; everything after it is discarded.
 *
 * <p>A {@link Direction#FRONTEND} stream begins with untagged startup packets
 * (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP): SSLRequest and
 * GSSENCRequest keep the decoder in startup mode because another startup packet follows; StartupMessage
 * and CancelRequest switch it to tagged frames.
 */
public final class PgFrameDecoder extends ByteToMessageDecoder {
  private enum State { STARTUP, TAGGED, FAILED }

  private final Direction direction;
  private final MessageLimits limits;
  private State state;

  /** A decoder for a whole connection: frontend streams start with startup packets. */
  public PgFrameDecoder(Direction direction, MessageLimits limits) {
    this(direction, limits, direction == Direction.FRONTEND);
  }

  /** {@code startupMode = false} starts with tagged frames, e.g. for frontend bytes relayed after startup. */
  public PgFrameDecoder(Direction direction, MessageLimits limits, boolean startupMode) {
    this.direction = Objects.requireNonNull(direction, "direction");
    this.limits = Objects.requireNonNull(limits, "limits");
    if (startupMode && direction != Direction.FRONTEND) {
      throw new IllegalArgumentException("only frontend streams begin with startup packets");
    }
    this.state = startupMode ? State.STARTUP : State.TAGGED;
    setCumulator(COMPACTING_MERGE);
  }

  /**
   * Netty's merge cumulator, but first dropping the bytes already cut into frames when nobody holds a
   * slice of them any more. Netty compacts only at read-complete time, and only if no frame (a retained
   * slice) is still held then; a relay that hands frames to another thread still holds them at that
   * moment, so without this every read that ends inside a frame would grow the buffer for good (a long
   * result of 1 KB rows read 64 KiB at a time reached hundreds of MiB of direct memory).
   */
  private static final Cumulator COMPACTING_MERGE = (alloc, cumulation, in) -> {
    if (cumulation.refCnt() == 1 && cumulation.readerIndex() > 0 && !cumulation.isReadOnly()) {
      cumulation.discardReadBytes();
    }
    return MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
  };

  /** Capacity of the buffer holding a partial frame between reads (0 when none); for tests. */
  int bufferedCapacity() {
    ByteBuf buffered = internalBuffer();
    return buffered == null ? 0 : buffered.capacity();
  }

  /**
   * Whether bytes of a frame not yet complete are buffered: the peer is in the middle of writing, so
   * the end of a socket read is not the end of what it wrote.
   */
  public boolean holdsPartialFrame() {
    return state != State.FAILED && actualReadableBytes() > 0;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    try {
      switch (state) {
        case STARTUP:
          decodeStartupPacket(in, out);
          break;
        case TAGGED:
          decodeTaggedFrame(in, out);
          break;
        case FAILED:
          in.skipBytes(in.readableBytes());
          break;
        default:
          throw new AssertionError(state);
      }
    } catch (ProtocolException violation) {
      state = State.FAILED;
      in.skipBytes(in.readableBytes());
      ctx.fireExceptionCaught(violation);
    }
  }

  private void decodeStartupPacket(ByteBuf in, List<Object> out) throws ProtocolException {
    if (in.readableBytes() < 4) {
      return;
    }
    int start = in.readerIndex();
    int length = in.getInt(start);
    StartupCodes.checkLength(length);
    if (in.readableBytes() < 8) {
      return;
    }
    int code = in.getInt(start + 4);
    StartupCodes.checkPacket(code, length);
    if (in.readableBytes() < length) {
      return;
    }
    ByteBuf packet = in.readRetainedSlice(length);
    if (StartupCodes.isEncryptionRequest(code)) {
      if (in.isReadable()) {
        // The client must wait for our one-byte answer; anything already here was sent unencrypted
        // and may have been injected (PostgreSQL refuses this too, CVE-2021-23214).
        packet.release();
        throw new ProtocolException("received unencrypted data after SSL request");
      }
    } else {
      state = State.TAGGED;
    }
    out.add(packet);
  }

  private void decodeTaggedFrame(ByteBuf in, List<Object> out) throws ProtocolException {
    if (!in.isReadable()) {
      return;
    }
    int start = in.readerIndex();
    byte tag = in.getByte(start);
    if (!direction.isValidTag(tag)) {
      throw new ProtocolException("invalid " + direction.name().toLowerCase() + " message type "
          + Frames.describeTag(tag));
    }
    if (in.readableBytes() < Wire.HEADER_LENGTH) {
      return;
    }
    int length = in.getInt(start + 1);
    checkLength(tag, length);
    if (in.readableBytes() < 1 + length) {
      return;
    }
    out.add(in.readRetainedSlice(1 + length));
  }

  private void checkLength(byte tag, int length) throws ProtocolException {
    int fixed = direction.fixedLength(tag);
    if (fixed >= 0 ? length != fixed : length < 4 || length > direction.maxLength(tag, limits)) {
      throw new ProtocolException("invalid message length " + length + " for message type "
          + Frames.describeTag(tag));
    }
  }
}
