package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.Frames;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * Turns one complete backend frame (tag, Int32 length, body — as the frame decoder emits it) into its
 * {@link BackendMessage}. The one place that maps tags to types. Consumes the frame from its reader index and
 * does not release it. Only {@link ProtocolException} escapes.
 */
public final class BackendDecoder {
  private BackendDecoder() {}

  public static BackendMessage decode(ByteBuf frame) throws ProtocolException {
    if (frame.readableBytes() < Wire.HEADER_LENGTH) {
      throw new ProtocolException("invalid message format: a frame needs at least 5 bytes, got "
          + frame.readableBytes());
    }
    byte tag = frame.readByte();
    int length = frame.readInt();
    if (length != frame.readableBytes() + Integer.BYTES) {
      throw new ProtocolException("invalid message format: length " + length + " of " + Frames.describeTag(tag)
          + " does not match the " + (frame.readableBytes() + Integer.BYTES) + " bytes of its frame");
    }
    ByteBuf body = frame.readSlice(length - Integer.BYTES);
    try {
      return decodeBody(tag, body);
    } catch (IndexOutOfBoundsException | IllegalArgumentException | NullPointerException bug) {
      // Every read is bounds-checked through Wire; this guard keeps a missed check from crashing the pipeline.
      throw new ProtocolException(
          "invalid message format in " + Frames.describeTag(tag) + ": " + bug.getMessage(), bug);
    }
  }

  /** Hot messages of the query cycle first. */
  private static BackendMessage decodeBody(byte tag, ByteBuf body) throws ProtocolException {
    switch (tag) {
      case DataRow.TAG:
        return DataRow.decode(body);
      case CommandComplete.TAG:
        return CommandComplete.decode(body);
      case ReadyForQuery.TAG:
        return ReadyForQuery.decode(body);
      case BindComplete.TAG:
        return BindComplete.decode(body);
      case ParseComplete.TAG:
        return ParseComplete.decode(body);
      case RowDescription.TAG:
        return RowDescription.decode(body);
      case ParameterDescription.TAG:
        return ParameterDescription.decode(body);
      case NoData.TAG:
        return NoData.decode(body);
      case CloseComplete.TAG:
        return CloseComplete.decode(body);
      case PortalSuspended.TAG:
        return PortalSuspended.decode(body);
      case EmptyQueryResponse.TAG:
        return EmptyQueryResponse.decode(body);
      case ErrorResponse.TAG:
        return ErrorResponse.decode(body);
      case NoticeResponse.TAG:
        return NoticeResponse.decode(body);
      case CopyData.TAG:
        return CopyData.decode(body);
      case CopyDone.TAG:
        return CopyDone.decode(body);
      case CopyInResponse.TAG:
        return CopyInResponse.decode(body);
      case CopyOutResponse.TAG:
        return CopyOutResponse.decode(body);
      case CopyBothResponse.TAG:
        return CopyBothResponse.decode(body);
      case ParameterStatus.TAG:
        return ParameterStatus.decode(body);
      case NotificationResponse.TAG:
        return NotificationResponse.decode(body);
      case Authentication.TAG:
        return Authentication.decode(body);
      case BackendKeyData.TAG:
        return BackendKeyData.decode(body);
      case FunctionCallResponse.TAG:
        return FunctionCallResponse.decode(body);
      case NegotiateProtocolVersion.TAG:
        return NegotiateProtocolVersion.decode(body);
      default:
        throw new ProtocolException("invalid message type " + Frames.describeTag(tag) + " from server");
    }
  }
}
