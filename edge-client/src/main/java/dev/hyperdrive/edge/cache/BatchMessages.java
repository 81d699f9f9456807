package dev.hyperdrive.edge.cache;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.frontend.FrontendDecoder;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the frontend messages of a batch that the cache tier needs to see. Small batches are decoded
 * whole (a cache candidate is at most five messages); in larger ones (a pipelined insert batch, COPY
 * data) only the messages that can change session state — Query, Parse, Close — are decoded.
 */
final class BatchMessages {
  /** Batches of more frames than this cannot be a candidate, so only their state-changing messages are read. */
  private static final int WHOLE_DECODE_LIMIT = 8;

  /**
   * @param all every message, in order, when the batch was small enough to decode whole
   * @param stateChanging the Query, Parse and Close messages, in order
   */
  record Decoded(Optional<List<FrontendMessage>> all, List<FrontendMessage> stateChanging) {}

  private BatchMessages() {}

  /** Reads the frames without moving {@code frames}' reader index. */
  static Decoded decode(ByteBuf frames) throws ProtocolException {
    List<ByteBuf> slices = new ArrayList<>();
    int position = frames.readerIndex();
    int end = frames.writerIndex();
    while (position < end) {
      if (end - position < 5) {
        throw new ProtocolException("partial frame in a batch");
      }
      long length = frames.getUnsignedInt(position + 1);
      if (length < 4 || length > end - position - 1) {
        throw new ProtocolException("partial frame in a batch");
      }
      slices.add(frames.slice(position, (int) length + 1));
      position += (int) length + 1;
    }
    boolean whole = slices.size() <= WHOLE_DECODE_LIMIT;
    List<FrontendMessage> all = new ArrayList<>();
    List<FrontendMessage> stateChanging = new ArrayList<>();
    for (ByteBuf slice : slices) {
      byte tag = slice.getByte(slice.readerIndex());
      boolean changesState = tag == 'Q' || tag == 'P' || tag == 'C';
      if (!whole && !changesState) {
        continue;
      }
      FrontendMessage message = FrontendDecoder.decode(slice);
      all.add(message);
      if (changesState) {
        stateChanging.add(message);
      }
    }
    return new Decoded(whole ? Optional.of(all) : Optional.empty(), stateChanging);
  }
}
