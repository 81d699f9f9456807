package dev.hyperdrive.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.PgMessage;
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
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When buffered frames go to the endpoint, read batch by read batch, as a table of scenarios. */
class RequestBatcherTest {
  private final RequestBatcher batcher = new RequestBatcher(ByteBufAllocator.DEFAULT);

  @AfterEach
  void release() {
    batcher.discard();
  }

  @Test
  void parseAlonesWaitsForMore() {
    add(new Parse("", "select 1", new int[0]));
    assertThat(batcher.readyAtReadEnd(false)).isFalse();
  }

  @Test
  void anExecuteAtTheEndOfAReadThatStoppedInsideTheNextFrameWaitsForTheRest() {
    add(new Parse("", "select 1", new int[0]), bind(), new Describe(Target.PORTAL, ""), new Execute("", 0));
    assertThat(batcher.readyAtReadEnd(true)).as("the Sync is half read").isFalse();
    assertThat(batcher.readyAtReadEnd(false)).as("nothing more on its way: the driver waits").isTrue();
  }

  @Test
  void extendedRunUpToSyncIsOneBatchExpectingOneReadyForQuery() {
    add(new Parse("", "select 1", new int[0]), bind(), new Describe(Target.PORTAL, ""), new Execute("", 0),
        Sync.INSTANCE);
    assertThat(batcher.readyAtReadEnd(false)).isTrue();
    RequestBatcher.Batch batch = batcher.take();
    try {
      assertThat(batch.readyForQueryExpected()).isEqualTo(1);
      assertThat(batch.endsAtSyncPoint()).isTrue();
      assertThat(tags(batch.frames())).isEqualTo("PBDES");
    } finally {
      batch.frames().release();
    }
    assertThat(batcher.isEmpty()).isTrue();
  }

  @Test
  void pipelinedQueriesInOneReadTravelTogether() {
    add(new Query("select 1"), new Query("select 2"));
    RequestBatcher.Batch batch = batcher.take();
    try {
      assertThat(batch.readyForQueryExpected()).isEqualTo(2);
    } finally {
      batch.frames().release();
    }
  }

  @Test
  void flushReleasesWhatCameBeforeIt() {
    add(new Parse("s1", "select 1", new int[0]), new Describe(Target.STATEMENT, "s1"), Flush.INSTANCE);
    assertThat(batcher.readyAtReadEnd(false)).isTrue();
    RequestBatcher.Batch batch = batcher.take();
    try {
      assertThat(batch.readyForQueryExpected()).isZero();
      assertThat(batch.endsAtSyncPoint()).isFalse();
    } finally {
      batch.frames().release();
    }
  }

  @Test
  void executeADriverWaitsOnWithoutSyncGoesAtTheEndOfTheRead() {
    add(new Parse("", "select 1", new int[0]), bind(), new Execute("", 0));
    assertThat(batcher.readyAtReadEnd(false)).isTrue();
  }

  @Test
  void copyDataGoesPerReadOnceCopyInStarted() {
    add(new CopyData(new byte[] {'1', '\n'}));
    assertThat(batcher.readyAtReadEnd(false)).as("not in COPY: wait").isFalse();
    batcher.copyInStarted();
    assertThat(batcher.readyAtReadEnd(false)).isTrue();
    batcher.take().frames().release();
    add(CopyDone.INSTANCE);
    assertThat(batcher.readyAtReadEnd(false)).isTrue();
    batcher.take().frames().release();
    add(new CopyData(new byte[] {'2', '\n'}));
    assertThat(batcher.readyAtReadEnd(false)).as("COPY ended with CopyDone").isFalse();
  }

  @Test
  void aMegabyteOfUnsyncedFramesMustGoAtOnce() {
    add(bindOf(new byte[600_000]));
    assertThat(batcher.oversized()).isFalse();
    add(bindOf(new byte[600_000]));
    assertThat(batcher.oversized()).isTrue();
  }

  private static Bind bind() {
    return new Bind("", "", new short[0], List.of(), new short[0]);
  }

  private static Bind bindOf(byte[] value) {
    return new Bind("", "", new short[0], List.of(value), new short[0]);
  }

  private void add(PgMessage... messages) {
    for (PgMessage message : messages) {
      ByteBuf frame = Unpooled.buffer();
      message.encode(frame);
      batcher.add(frame);
    }
  }

  private static String tags(ByteBuf frames) {
    StringBuilder tags = new StringBuilder();
    int position = frames.readerIndex();
    while (position < frames.writerIndex()) {
      tags.append((char) frames.getByte(position));
      position += 1 + frames.getInt(position + 1);
    }
    return tags.toString();
  }
}
