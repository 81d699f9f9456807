package dev.hyperdrive.placement.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.proto.placement.StoredDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during a write: a child JVM rewrites a 4 MiB record in a loop and is killed at a random
 * instant; the registry must then open and hold the last write the child saw committed, or the one
 * after it that was under way, whole, never a torn mix and never an older one.
 */
class FileDatabaseStoreKillIT {

  private static final int PADDING_BYTES = 4 << 20;
  private static final int ROUNDS = 6;

  @TempDir Path tempDir;

  @Test
  void aKilledWriterLeavesTheOldOrTheNewRecord() throws Exception {
    Random random = new Random();
    int killedMidWrite = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Path dataDir = tempDir.resolve("round-" + round);
      long committed = runWriterAndKill(dataDir, 3 + random.nextInt(5), random.nextInt(40));

      try (FileDatabaseStore store = FileDatabaseStore.open(dataDir)) {
        StoredDatabase record = store.get(StoreWriterProcess.NAME).orElseThrow();
        assertThat(record.getRevision()).as("round %d", round).isBetween(committed, committed + 1);
        assertThat(record.getOrigin().getHost()).isEqualTo("host-" + record.getRevision());
        assertThat(record.getOrigin().getCaCertificatePem())
            .isEqualTo(StoreWriterProcess.padding(record.getRevision(), PADDING_BYTES));
        killedMidWrite += store.discardedTempFiles();
      }
    }
    // Each write spends nearly all its time writing and fsyncing the temporary file, so random kills
    // land there; if none did, this test would not have exercised a torn write at all.
    assertThat(killedMidWrite).as("kills that interrupted a write").isPositive();
  }

  /** Returns the last revision the child reported committed before it died. */
  private long runWriterAndKill(Path dataDir, long killAfterRevision, int extraDelayMillis) throws Exception {
    Process child = new ProcessBuilder(javaCommand(dataDir)).redirectErrorStream(true).start();
    AtomicLong committed = new AtomicLong();
    List<String> otherOutput = new ArrayList<>();
    Thread reader = new Thread(() -> readCommits(child, committed, otherOutput), "child-output");
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (committed.get() < killAfterRevision && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(child.isAlive()).as("child output: %s", otherOutput).isTrue();
    Thread.sleep(extraDelayMillis);
    child.destroyForcibly(); // SIGKILL on Linux
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    reader.join();
    return committed.get();
  }

  private static void readCommits(Process child, AtomicLong committed, List<String> otherOutput) {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("committed ")) {
          committed.set(Long.parseLong(line.substring("committed ".length())));
        } else {
          otherOutput.add(line);
        }
      }
    } catch (IOException e) {
      // The pipe breaks when the child is killed; what was read is what counts.
    }
  }

  private static List<String> javaCommand(Path dataDir) {
    String java = ProcessHandle.current().info().command().orElse("java");
    return List.of(java, "-cp", System.getProperty("java.class.path"), "-Xmx256m",
        StoreWriterProcess.class.getName(), dataDir.toString(), Integer.toString(PADDING_BYTES));
  }
}
