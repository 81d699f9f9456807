package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.Frames;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.StartupCodes;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * The one place frontend frames become {@link FrontendMessage}s: read the header, switch on the tag (or
 * startup code), let the message decode its body, insist that nothing trails it.
 *
 * <p>Consumes one frame from the buffer's reader index and never releases the buffer. Malformed input
 * yields a {@link ProtocolException}, never another exception.
 */
public final class FrontendDecoder {
  private FrontendDecoder() {}

  /** Decodes a tagged frame; a 'p' frame is read as a {@link PasswordMessage}. */
  public static FrontendMessage decode(ByteBuf frame) throws ProtocolException {
    return decode(frame, AuthResponseKind.PASSWORD);
  }

  /** Decodes a tagged frame; {@code kind} says which message a 'p' frame holds. */
  public static FrontendMessage decode(ByteBuf frame, AuthResponseKind kind) throws ProtocolException {
    Objects.requireNonNull(kind, "kind");
    byte tag = Wire.readByte(frame);
    ByteBuf body = Wire.readBody(frame);
    FrontendMessage message = decodeBody(tag, body, kind);
    Wire.expectEnd(body, message.getClass().getSimpleName());
    return message;
  }

  // Ordered by how often a busy session sends them.
  private static FrontendMessage decodeBody(byte tag, ByteBuf body, AuthResponseKind kind) throws ProtocolException {
    switch (tag) {
      case Bind.TAG: return Bind.decode(body);
      case Execute.TAG: return Execute.decode(body);
      case Sync.TAG: return Sync.INSTANCE;
      case Parse.TAG: return Parse.decode(body);
      case Describe.TAG: return Describe.decode(body);
      case Query.TAG: return Query.decode(body);
      case Close.TAG: return Close.decode(body);
      case Flush.TAG: return Flush.INSTANCE;
      case CopyData.TAG: return CopyData.decode(body);
      case CopyDone.TAG: return CopyDone.INSTANCE;
      case CopyFail.TAG: return CopyFail.decode(body);
      case Terminate.TAG: return Terminate.INSTANCE;
      case FunctionCall.TAG: return FunctionCall.decode(body);
      case PasswordMessage.TAG: return decodeAuthResponse(body, kind);
      default:
        throw new ProtocolException("invalid frontend message type " + Frames.describeTag(tag));
    }
  }

  private static FrontendMessage decodeAuthResponse(ByteBuf body, AuthResponseKind kind) throws ProtocolException {
    switch (kind) {
      case PASSWORD: return PasswordMessage.decode(body);
      case SASL_INITIAL: return SaslInitialResponse.decode(body);
      case SASL_RESPONSE: return SaslResponse.decode(body);
      default: throw new AssertionError(kind);
    }
  }

  /**
   * Decodes an untagged startup-phase packet: StartupMessage (protocol 3.x), SSLRequest, GSSENCRequest or
   * CancelRequest, with PostgreSQL's checks on length and code.
   */
  public static FrontendMessage decodeStartup(ByteBuf frame) throws ProtocolException {
    int length = Wire.readInt32(frame);
    StartupCodes.checkLength(length);
    if (length - 4 > frame.readableBytes()) {
      throw new ProtocolException("incomplete startup packet: length " + length + " with "
          + (frame.readableBytes() + 4) + " bytes present");
    }
    int code = Wire.readInt32(frame);
    StartupCodes.checkPacket(code, length);
    ByteBuf body = frame.readSlice(length - 8);
    FrontendMessage message = decodeStartupBody(code, body);
    Wire.expectEnd(body, message.getClass().getSimpleName());
    return message;
  }

  private static FrontendMessage decodeStartupBody(int code, ByteBuf body) throws ProtocolException {
    switch (code) {
      case StartupCodes.SSL_REQUEST: return SslRequest.INSTANCE;
      case StartupCodes.GSSENC_REQUEST: return GssEncRequest.INSTANCE;
      case StartupCodes.CANCEL_REQUEST: return CancelRequest.decode(body);
      default: return StartupMessage.decode(code, body);
    }
  }
}
