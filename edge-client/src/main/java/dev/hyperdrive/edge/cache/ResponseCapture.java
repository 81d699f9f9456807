package dev.hyperdrive.edge.cache;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Copies the backend frames of one request's answer as they pass on their way to the driver (never
 * holding them back), up to but not including its ReadyForQuery; whatever follows belongs to later
 * requests and is ignored. Copying stops once the answer outgrows {@code maxBytes}: such an answer is
 * {@link #oversized()}, and only its end is still looked for.
 */
public final class ResponseCapture {
  private static final byte READY_FOR_QUERY = 'Z';
  private static final byte ERROR_RESPONSE = 'E';

  private final int maxBytes;
  private final ByteArrayOutputStream frames = new ByteArrayOutputStream();
  private final byte[] header = new byte[5];
  private int headerFilled;
  private long bodyRemaining;
  private boolean oversized;
  private boolean sawError;
  private boolean inReadyForQuery;
  private byte readyForQueryStatus;
  private boolean complete;

  public ResponseCapture(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * Feeds the next relayed bytes (the buffer's position is left untouched).
   *
   * @return how many of them belong to this answer: all of them until its ReadyForQuery arrives, and
   *     up to the end of that ReadyForQuery in the call that completes it
   */
  public int accept(ByteBuffer bytes) {
    ByteBuffer buffer = bytes.duplicate();
    int start = buffer.position();
    while (buffer.hasRemaining() && !complete) {
      if (inReadyForQuery) {
        readyForQueryStatus = buffer.get();
        complete = true;
        continue;
      }
      if (bodyRemaining > 0) {
        int take = (int) Math.min(bodyRemaining, buffer.remaining());
        copy(buffer, take);
        bodyRemaining -= take;
        continue;
      }
      header[headerFilled++] = buffer.get();
      if (headerFilled == header.length) {
        headerFilled = 0;
        startMessage();
      }
    }
    return buffer.position() - start;
  }

  public boolean complete() {
    return complete;
  }

  /** The transaction status the answer's ReadyForQuery reported ('I', 'T' or 'E'), 0 before it came. */
  public byte readyForQueryStatus() {
    return readyForQueryStatus;
  }

  /** The answer grew past {@code maxBytes}. */
  public boolean oversized() {
    return oversized;
  }

  /** The answer held an ErrorResponse. */
  public boolean sawError() {
    return sawError;
  }

  /** The answer's frames without its ReadyForQuery; only meaningful when complete and not oversized. */
  public byte[] frames() {
    return frames.toByteArray();
  }

  private void startMessage() {
    byte tag = header[0];
    long length = ((header[1] & 0xFFL) << 24) | ((header[2] & 0xFFL) << 16) | ((header[3] & 0xFFL) << 8)
        | (header[4] & 0xFFL);
    if (tag == READY_FOR_QUERY) {
      inReadyForQuery = true;
      return;
    }
    if (tag == ERROR_RESPONSE) {
      sawError = true;
    }
    bodyRemaining = Math.max(0, length - 4);
    if (!oversized && frames.size() + 1 + length > maxBytes) {
      oversized = true;
      frames.reset();
    }
    if (!oversized) {
      frames.write(header, 0, header.length);
    }
  }

  private void copy(ByteBuffer buffer, int length) {
    if (oversized) {
      buffer.position(buffer.position() + length);
      return;
    }
    if (buffer.hasArray()) {
      frames.write(buffer.array(), buffer.arrayOffset() + buffer.position(), length);
      buffer.position(buffer.position() + length);
    } else {
      byte[] chunk = new byte[length];
      buffer.get(chunk);
      frames.writeBytes(chunk);
    }
  }
}
