package dev.hyperdrive.placement.store;

import static dev.hyperdrive.placement.store.StoreRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.proto.placement.StoredDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDatabaseStoreTest {

  @TempDir Path dataDir;

  @Test
  void createsListsByNameAndRefusesATakenName() {
    try (FileDatabaseStore store = FileDatabaseStore.open(dataDir)) {
      assertThat(store.create(record("zeta", 1))).isTrue();
      assertThat(store.create(record("alpha", 1))).isTrue();
      assertThat(store.create(record("alpha", 7))).isFalse();

      assertThat(store.list()).extracting(StoredDatabase::getName).containsExactly("alpha", "zeta");
      assertThat(store.get("alpha")).contains(record("alpha", 1));
      assertThat(store.get("missing")).isEmpty();
    }
  }

  @Test
  void replaceIsCompareAndSetOnTheRevision() {
    try (FileDatabaseStore store = FileDatabaseStore.open(dataDir)) {
      store.create(record("app", 1));

      assertThat(store.replace(record("app", 2), 1)).isTrue();
      assertThat(store.replace(record("app", 3), 1)).as("stale expected revision").isFalse();
      assertThat(store.replace(record("other", 2), 1)).as("no such record").isFalse();

      assertThat(store.get("app")).contains(record("app", 2));
    }
  }

  @Test
  void deleteRemovesTheRecordAndItsFile() {
    try (FileDatabaseStore store = FileDatabaseStore.open(dataDir)) {
      store.create(record("app", 1));

      assertThat(store.delete("app")).isTrue();
      assertThat(store.delete("app")).isFalse();
      assertThat(store.get("app")).isEmpty();
    }
    assertThat(dataDir.resolve("databases")).isEmptyDirectory();
  }

  @Test
  void everyChangeSurvivesARestart() {
    try (FileDatabaseStore store = FileDatabaseStore.open(dataDir)) {
      store.create(record("kept", 1));
      store.create(record("changed", 1));
      store.create(record("deleted", 1));
      store.replace(record("changed", 2), 1);
      store.delete("deleted");
    }
    try (FileDatabaseStore reopened = FileDatabaseStore.open(dataDir)) {
      assertThat(reopened.list()).containsExactly(record("changed", 2), record("kept", 1));
      assertThat(reopened.discardedTempFiles()).isZero();
    }
  }

  @Test
  void aSecondOpenOfTheSameDataDirectoryIsRefusedWhileTheFirstIsOpen() {
    try (FileDatabaseStore first = FileDatabaseStore.open(dataDir)) {
      assertThatThrownBy(() -> FileDatabaseStore.open(dataDir))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("in use by another placement process");
      assertThat(first.create(record("app", 1))).as("the first keeps working").isTrue();
    }
    try (FileDatabaseStore afterClose = FileDatabaseStore.open(dataDir)) {
      assertThat(afterClose.get("app")).isPresent();
    }
  }

  @Test
  void unfinishedWritesAreDiscardedAtOpen() throws IOException {
    try (FileDatabaseStore store = FileDatabaseStore.open(dataDir)) {
      store.create(record("app", 1));
    }
    Path directory = dataDir.resolve("databases");
    Files.write(directory.resolve("app.record.0f1e.tmp"), new byte[] {'H', 'D'});

    try (FileDatabaseStore reopened = FileDatabaseStore.open(dataDir)) {
      assertThat(reopened.discardedTempFiles()).isEqualTo(1);
      assertThat(reopened.get("app")).contains(record("app", 1));
    }
    assertThat(directory).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void aTruncatedRecordFileIsRefusedWithItsName() throws IOException {
    try (FileDatabaseStore store = FileDatabaseStore.open(dataDir)) {
      store.create(record("app", 1));
    }
    Path file = dataDir.resolve("databases/app.record");
    byte[] bytes = Files.readAllBytes(file);
    // Cut inside the payload: without the header's length the protobuf would still parse.
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));

    assertThatThrownBy(() -> FileDatabaseStore.open(dataDir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("app.record")
        .hasMessageContaining("corrupt");
  }

  @Test
  void aFlippedBitIsCaughtByTheChecksum() throws IOException {
    try (FileDatabaseStore store = FileDatabaseStore.open(dataDir)) {
      store.create(record("app", 1));
    }
    Path file = dataDir.resolve("databases/app.record");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 2] ^= 0x01;
    Files.write(file, bytes);

    assertThatThrownBy(() -> FileDatabaseStore.open(dataDir)).hasMessageContaining("checksum mismatch");
  }

  @Test
  void aClosedStoreRefusesWrites() {
    FileDatabaseStore store = FileDatabaseStore.open(dataDir);
    store.close();

    assertThatThrownBy(() -> store.create(record("app", 1))).hasMessageContaining("is closed");
    assertThat(dataDir.resolve("databases")).isEmptyDirectory();
  }

  @Test
  void namesThatCouldEscapeTheDirectoryAreRefused() {
    try (FileDatabaseStore store = FileDatabaseStore.open(dataDir)) {
      assertThatThrownBy(() -> store.create(record("../evil", 1))).isInstanceOf(StoreException.class);
    }
  }
}
