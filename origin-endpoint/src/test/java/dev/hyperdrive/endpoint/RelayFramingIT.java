package dev.hyperdrive.endpoint;

import static dev.hyperdrive.endpoint.RelayStream.status;
import static dev.hyperdrive.endpoint.RelaySessionIT.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.testing.PostgresExtension;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.BindComplete;
import dev.hyperdrive.wire.backend.CommandComplete;
import dev.hyperdrive.wire.backend.CopyInResponse;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ParameterDescription;
import dev.hyperdrive.wire.backend.ParseComplete;
import dev.hyperdrive.wire.backend.RowDescription;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.CopyData;
import dev.hyperdrive.wire.frontend.CopyDone;
import dev.hyperdrive.wire.frontend.Describe;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Flush;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Sync;
import dev.hyperdrive.wire.frontend.Target;
import io.grpc.Status;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Batches that do not end in Sync, messages split across EdgeFrames, COPY IN, and bytes that are not protocol. */
@ExtendWith(PostgresExtension.class)
class RelayFramingIT {
  private RelayHarness relay;

  @BeforeEach
  void start(EmbeddedOrigin origin) {
    relay = RelayHarness.start(origin, PoolSettings.DEFAULTS.withDefaultPoolSize(1));
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  @Test
  void aFlushTerminatedBatchKeepsTheConnectionUntilItsSync() throws Exception {
    try (RelayStream session = relay.session()) {
      // 1. Parse + Describe + Flush: answers come back, but no ReadyForQuery is due yet.
      session.send(new Parse("s1", "SELECT $1::text || '!'", new int[0]), new Describe(Target.STATEMENT, "s1"),
          Flush.INSTANCE);
      assertThat(session.next()).isEqualTo(ParseComplete.INSTANCE);
      assertThat(session.next()).isInstanceOf(ParameterDescription.class);
      assertThat(session.next()).isInstanceOf(RowDescription.class);
      assertThat(relay.stats().svActive()).as("still checked out: the batch is unfinished").isEqualTo(1);

      // 2. Bind + Execute + Sync on the same backend (the named statement lives there), then release.
      session.send(new Bind("", "s1", new short[0], List.of("hi".getBytes(StandardCharsets.UTF_8)), new short[0]),
          new Execute("", 0), Sync.INSTANCE);
      List<BackendMessage> reply = session.untilReady();
      assertThat(reply.get(0)).isEqualTo(BindComplete.INSTANCE);
      assertThat(text((DataRow) reply.get(1), 0)).isEqualTo("hi!");
      assertThat(status(reply)).isEqualTo(TransactionStatus.IDLE);
      assertThat(relay.awaitStats(stats -> stats.svActive() == 0).svActive()).isZero();
    }
  }

  @Test
  void aMessageSplitAcrossEdgeFramesIsReassembled() throws Exception {
    try (RelayStream session = relay.session()) {
      ByteString query = bytes(new Query("SELECT '" + "y".repeat(100_000) + "' AS long"));
      session.sendBytes(query.substring(0, 7));
      session.sendBytes(query.substring(7, 50_000));
      session.sendBytes(query.substring(50_000));
      List<BackendMessage> reply = session.untilReady();
      assertThat(text((DataRow) reply.get(1), 0)).hasSize(100_000);
    }
  }

  @Test
  void copyInStreamsAcrossBatches() throws Exception {
    relay.execute("DROP TABLE IF EXISTS copied; CREATE TABLE copied (n int)");
    try (RelayStream session = relay.session()) {
      session.send(new Query("COPY copied FROM STDIN"));
      assertThat(session.next()).isInstanceOf(CopyInResponse.class);
      for (int chunk = 0; chunk < 10; chunk++) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 100; i++) {
          rows.append(chunk * 100 + i).append('\n');
        }
        session.send(new CopyData(rows.toString().getBytes(StandardCharsets.UTF_8)));
      }
      session.send(CopyDone.INSTANCE);
      List<BackendMessage> done = session.untilReady();
      assertThat(((CommandComplete) done.get(0)).tag()).isEqualTo("COPY 1000");
      assertThat(text((DataRow) session.query("SELECT sum(n) FROM copied").get(1), 0)).isEqualTo("499500");
    }
  }

  @Test
  void bytesThatAreNotProtocolEndTheSessionWith08P01() throws Exception {
    try (RelayStream session = relay.session()) {
      session.sendBytes(ByteString.copyFrom(new byte[] {'?', 0, 0, 0, 4}));
      ErrorResponse error = session.nextError();
      assertThat(error.sqlState()).isEqualTo("08P01");
      assertThat(error.isFatal()).isTrue();
      assertThat(session.awaitEnd().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
  }

  private static ByteString bytes(dev.hyperdrive.wire.PgMessage message) {
    ByteBuf buffer = Unpooled.buffer();
    message.encode(buffer);
    byte[] array = new byte[buffer.readableBytes()];
    buffer.readBytes(array);
    return ByteString.copyFrom(array);
  }
}
