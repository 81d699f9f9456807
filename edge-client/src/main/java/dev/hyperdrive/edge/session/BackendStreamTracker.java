package dev.hyperdrive.edge.session;

import com.google.protobuf.ByteString;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.TransactionStatus;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Follows the backend byte stream relayed to a driver just far enough to know where each message
 * starts: it reads the 5-byte headers, the status byte of ReadyForQuery and the (small) body of
 * ParameterStatus, and skips every other body (DataRows are never looked into). The session learns
 * from it when a request has been answered, the transaction status, errors, setting changes, and when
 * COPY IN starts.
 */
final class BackendStreamTracker {
  /** What the session needs to hear about. */
  interface Listener {
    void onReadyForQuery(TransactionStatus status);

    void onCopyInResponse();

    /** An ErrorResponse begins. */
    default void onErrorResponse() {
    }

    /** The origin reported a setting's new value. */
    default void onParameterStatus(String name, String value) {
    }
  }

  private static final byte READY_FOR_QUERY = 'Z';
  private static final byte COPY_IN_RESPONSE = 'G';
  private static final byte ERROR_RESPONSE = 'E';
  private static final byte PARAMETER_STATUS = 'S';
  /** Longer ParameterStatus bodies are skipped rather than held (no real setting comes near it). */
  private static final int MAX_PARAMETER_STATUS_BODY = 64 * 1024;

  private final Listener listener;
  private final byte[] header = new byte[5];
  private int headerFilled;
  private long bodyRemaining;
  private byte currentTag;
  private boolean statusPending;
  private ByteArrayOutputStream parameterStatus;
  private byte lastTag;

  BackendStreamTracker(Listener listener) {
    this.listener = listener;
  }

  void scan(ByteString bytes) throws ProtocolException {
    scanBuffer(bytes.asReadOnlyByteBuffer());
  }

  void scan(ByteBuffer... buffers) throws ProtocolException {
    for (ByteBuffer buffer : buffers) {
      scanBuffer(buffer.duplicate());
    }
  }

  private void scanBuffer(ByteBuffer buffer) throws ProtocolException {
    while (buffer.hasRemaining()) {
      if (bodyRemaining > 0) {
        if (statusPending) {
          statusPending = false;
          bodyRemaining--;
          listener.onReadyForQuery(TransactionStatus.fromCode(buffer.get()));
          continue;
        }
        int skip = (int) Math.min(bodyRemaining, buffer.remaining());
        if (parameterStatus != null) {
          byte[] part = new byte[skip];
          buffer.get(part);
          parameterStatus.writeBytes(part);
        } else {
          buffer.position(buffer.position() + skip);
        }
        bodyRemaining -= skip;
        if (bodyRemaining == 0 && parameterStatus != null) {
          reportParameterStatus();
        }
        continue;
      }
      header[headerFilled++] = buffer.get();
      if (headerFilled == header.length) {
        headerFilled = 0;
        startMessage();
      }
    }
  }

  /** The tag of the last message whose header was seen, 0 before any. */
  byte lastTag() {
    return lastTag;
  }

  /** True when the last message seen was an ErrorResponse (e.g. a FATAL the endpoint composed). */
  boolean lastWasError() {
    return lastTag == ERROR_RESPONSE;
  }

  private void startMessage() throws ProtocolException {
    currentTag = header[0];
    lastTag = currentTag;
    long length = ((header[1] & 0xFFL) << 24) | ((header[2] & 0xFFL) << 16) | ((header[3] & 0xFFL) << 8)
        | (header[4] & 0xFFL);
    if (length < 4) {
      throw new ProtocolException("invalid length " + length + " in backend message '" + (char) currentTag + "'");
    }
    bodyRemaining = length - 4;
    if (currentTag == READY_FOR_QUERY) {
      if (bodyRemaining != 1) {
        throw new ProtocolException("invalid ReadyForQuery length " + length);
      }
      statusPending = true;
    } else if (currentTag == COPY_IN_RESPONSE) {
      listener.onCopyInResponse();
    } else if (currentTag == ERROR_RESPONSE) {
      listener.onErrorResponse();
    } else if (currentTag == PARAMETER_STATUS && bodyRemaining > 0 && bodyRemaining <= MAX_PARAMETER_STATUS_BODY) {
      parameterStatus = new ByteArrayOutputStream((int) bodyRemaining);
    }
  }

  /** Body: name and value, each a NUL-terminated string. */
  private void reportParameterStatus() throws ProtocolException {
    byte[] body = parameterStatus.toByteArray();
    parameterStatus = null;
    int nameEnd = indexOfNul(body, 0);
    int valueEnd = nameEnd < 0 ? -1 : indexOfNul(body, nameEnd + 1);
    if (valueEnd != body.length - 1) {
      throw new ProtocolException("malformed ParameterStatus");
    }
    listener.onParameterStatus(new String(body, 0, nameEnd, StandardCharsets.UTF_8),
        new String(body, nameEnd + 1, valueEnd - nameEnd - 1, StandardCharsets.UTF_8));
  }

  private static int indexOfNul(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }
}
