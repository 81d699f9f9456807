package dev.hyperdrive.placement.store;

import java.nio.file.Path;

/**
 * The child JVM of {@link FileDatabaseStoreKillIT}: rewrites one large record as fast as it can,
 * revision after revision, and prints {@code committed N} after each write returns, until killed.
 */
public final class StoreWriterProcess {

  static final String NAME = "app";

  public static void main(String[] args) {
    Path dataDir = Path.of(args[0]);
    int paddingBytes = Integer.parseInt(args[1]);
    try (FileDatabaseStore store = FileDatabaseStore.open(dataDir)) {
      store.create(StoreRecords.record(NAME, 1, padding(1, paddingBytes)));
      System.out.println("committed 1");
      for (long revision = 2; ; revision++) {
        store.replace(StoreRecords.record(NAME, revision, padding(revision, paddingBytes)), revision - 1);
        System.out.println("committed " + revision);
      }
    }
  }

  /** Every byte of a revision's padding is the same letter, so a mix of two writes shows. */
  static String padding(long revision, int length) {
    return String.valueOf((char) ('a' + revision % 26)).repeat(length);
  }
}
