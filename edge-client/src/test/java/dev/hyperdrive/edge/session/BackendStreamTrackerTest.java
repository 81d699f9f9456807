package dev.hyperdrive.edge.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.CommandComplete;
import dev.hyperdrive.wire.backend.CopyInResponse;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tracker finds message boundaries in relayed bytes however they are cut into chunks. */
class BackendStreamTrackerTest {
  private final List<String> events = new ArrayList<>();
  private final BackendStreamTracker tracker = recordingTracker();

  private BackendStreamTracker recordingTracker() {
    return new BackendStreamTracker(new BackendStreamTracker.Listener() {
      @Override
      public void onReadyForQuery(TransactionStatus status) {
        events.add("Z" + (char) status.code());
      }

      @Override
      public void onCopyInResponse() {
        events.add("G");
      }
    });
  }

  @Test
  void seesReadyForQueryAndCopyInAtAnyChunking() throws ProtocolException {
    byte[] stream = bytes(new DataRow(List.of(new byte[300])), new CommandComplete("SELECT 1"),
        ReadyForQuery.IN_TRANSACTION, new CopyInResponse((byte) 0, new short[] {0}), ReadyForQuery.IDLE);
    for (int chunk = 1; chunk <= stream.length; chunk++) {
      events.clear();
      BackendStreamTracker fresh = recordingTracker();
      for (int offset = 0; offset < stream.length; offset += chunk) {
        fresh.scan(ByteString.copyFrom(stream, offset, Math.min(chunk, stream.length - offset)));
      }
      assertThat(events).as("chunks of %d bytes", chunk).containsExactly("ZT", "G", "ZI");
    }
  }

  @Test
  void remembersWhetherTheLastMessageWasAnError() throws ProtocolException {
    tracker.scan(ByteString.copyFrom(bytes(ErrorResponse.fatal("57P01", "terminating connection"))));
    assertThat(tracker.lastWasError()).isTrue();
    tracker.scan(ByteString.copyFrom(bytes(ReadyForQuery.IDLE)));
    assertThat(tracker.lastWasError()).isFalse();
  }

  @Test
  void refusesAnImpossibleLength() {
    assertThatThrownBy(() -> tracker.scan(ByteString.copyFrom(new byte[] {'D', 0, 0, 0, 2})))
        .isInstanceOf(ProtocolException.class);
  }

  private static byte[] bytes(PgMessage... messages) {
    ByteBuf buffer = Unpooled.buffer();
    for (PgMessage message : messages) {
      message.encode(buffer);
    }
    byte[] bytes = ByteBufUtil.getBytes(buffer);
    buffer.release();
    return bytes;
  }
}
