package dev.hyperdrive.endpoint.prepared;

import dev.hyperdrive.wire.backend.BackendMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** What becomes of one origin frame on its way to the driver: computed by the queue, applied by the session. */
public sealed interface ResponseVerdict {
  Forward FORWARD = new Forward();
  Swallow SWALLOW = new Swallow();

  /** The frame for the driver in place of {@code frame} (which it takes), or null when nothing goes. */
  ByteBuf applyTo(ByteBuf frame);

  /** Pass the frame on untouched. */
  record Forward() implements ResponseVerdict {
    @Override
    public ByteBuf applyTo(ByteBuf frame) {
      return frame;
    }
  }

  /** Drop it: it answers something the relay injected. */
  record Swallow() implements ResponseVerdict {
    @Override
    public ByteBuf applyTo(ByteBuf frame) {
      frame.release();
      return null;
    }
  }

  /** Send {@code message} instead. */
  record Replace(BackendMessage message) implements ResponseVerdict {
    @Override
    public ByteBuf applyTo(ByteBuf frame) {
      frame.release();
      ByteBuf replacement = Unpooled.buffer();
      message.encode(replacement);
      return replacement;
    }
  }
}
