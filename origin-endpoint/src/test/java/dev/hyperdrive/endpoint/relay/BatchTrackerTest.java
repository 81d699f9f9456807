package dev.hyperdrive.endpoint.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.CopyData;
import dev.hyperdrive.wire.frontend.CopyDone;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Flush;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Sync;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a checked-out connection may go back to the pool, step by step. */
class BatchTrackerTest {
  private final BatchTracker tracker = new BatchTracker();

  @Test
  void aSimpleQueryIsOwedOneReadyForQuery() {
    sent(new Query("SELECT 1"));
    assertThat(tracker.connectionReleasable()).isFalse();
    tracker.readyForQuery(TransactionStatus.IDLE);
    assertThat(tracker.connectionReleasable()).isTrue();
  }

  @Test
  void pipelinedBatchesReleaseOnlyAtTheLastReadyForQuery() {
    sent(new Parse("", "SELECT 1", new int[0]), bind(), new Execute("", 0), Sync.INSTANCE);
    sent(new Query("SELECT 2"));
    tracker.readyForQuery(TransactionStatus.IDLE);
    assertThat(tracker.connectionReleasable()).as("the second batch is still owed").isFalse();
    tracker.readyForQuery(TransactionStatus.IDLE);
    assertThat(tracker.connectionReleasable()).isTrue();
  }

  @Test
  void framesAfterTheLastSyncKeepTheConnection() {
    sent(new Query("SELECT 1"));
    sent(new Parse("s", "SELECT 1", new int[0]), Flush.INSTANCE);
    tracker.readyForQuery(TransactionStatus.IDLE);
    assertThat(tracker.queryInFlight()).isTrue();
    assertThat(tracker.connectionReleasable()).isFalse();
    sent(Sync.INSTANCE);
    tracker.readyForQuery(TransactionStatus.IDLE);
    assertThat(tracker.connectionReleasable()).isTrue();
  }

  @Test
  void aTransactionPinsUntilItEnds() {
    sent(new Query("BEGIN"));
    tracker.readyForQuery(TransactionStatus.IN_TRANSACTION);
    assertThat(tracker.queryInFlight()).isFalse();
    assertThat(tracker.connectionReleasable()).isFalse();
    sent(new Query("SELECT 1/0"));
    tracker.readyForQuery(TransactionStatus.FAILED);
    assertThat(tracker.connectionReleasable()).isFalse();
    sent(new Query("ROLLBACK"));
    tracker.readyForQuery(TransactionStatus.IDLE);
    assertThat(tracker.connectionReleasable()).isTrue();
  }

  @Test
  void copyDataDuringCopyInIsPartOfTheQueryBatch() {
    sent(new Query("COPY t FROM STDIN"));
    sent(new CopyData(new byte[] {'1', '\n'}));
    assertThat(tracker.queryInFlight()).isTrue();
  }

  @Test
  void aSimpleQueryCopyIsReleasedAtItsReadyForQuery() {
    sent(new Query("COPY t FROM STDIN"));
    tracker.copyInStarted();
    sent(new CopyData(new byte[] {'1', '\n'}), CopyDone.INSTANCE);
    tracker.readyForQuery(TransactionStatus.IDLE);
    assertThat(tracker.connectionReleasable()).isTrue();
  }

  @Test
  void aSyncSentBeforeExtendedCopyDataIsIgnoredAndTheSyncAfterItIsOwed() {
    // tokio-postgres: Bind, Execute, Sync, then the data, CopyDone, Sync.
    sent(bind(), new Execute("", 0), Sync.INSTANCE);
    tracker.copyInStarted();
    assertThat(tracker.queryInFlight()).as("a Sync after the copy is still owed").isTrue();
    sent(new CopyData(new byte[] {'1', '\n'}), Sync.INSTANCE, CopyDone.INSTANCE);
    assertThat(tracker.queryInFlight()).isTrue();
    sent(Sync.INSTANCE);
    tracker.readyForQuery(TransactionStatus.IDLE);
    assertThat(tracker.connectionReleasable()).isTrue();
  }

  @Test
  void anExtendedCopyThatFailsStaysOwedUntilTheDriversSync() {
    sent(bind(), new Execute("", 0), Sync.INSTANCE);
    tracker.copyInStarted();
    sent(new CopyData(new byte[] {'x', '\n'}));
    tracker.errorReceived(); // the origin now skips until Sync
    assertThat(tracker.connectionReleasable()).isFalse();
    sent(CopyDone.INSTANCE, Sync.INSTANCE);
    tracker.readyForQuery(TransactionStatus.IDLE);
    assertThat(tracker.connectionReleasable()).isTrue();
  }

  private void sent(PgMessage... messages) {
    List<ByteBuf> frames = new ArrayList<>();
    for (PgMessage message : messages) {
      frames.add(RelayFrames.encode(message));
    }
    tracker.sent(frames);
    frames.forEach(ByteBuf::release);
  }

  private static Bind bind() {
    return new Bind("", "", new short[0], List.of(), new short[0]);
  }
}
