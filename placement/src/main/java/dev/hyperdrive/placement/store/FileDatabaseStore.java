package dev.hyperdrive.placement.store;

import dev.hyperdrive.placement.DatabaseName;
import dev.hyperdrive.proto.placement.StoredDatabase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link DatabaseStore}: one file per database under {@code <data_dir>/databases/}.
 *
 * <p>A write goes to a fresh temporary file, is fsynced, renamed over the record's file (atomic on
 * POSIX file systems) and the directory is fsynced, so after a crash or a kill -9 at any instant the
 * record file holds either the old or the new record, never a mix; leftover temporary files are
 * removed at the next open. An exclusive lock on {@code <data_dir>/lock} keeps a second placement
 * process from writing the same directory. Records are also kept in memory, so reads touch no disk.
 */
public final class FileDatabaseStore implements DatabaseStore {

  private static final Logger log = LoggerFactory.getLogger(FileDatabaseStore.class);
  static final String RECORD_SUFFIX = ".record";
  static final String TEMP_SUFFIX = ".tmp";

  private final Path directory;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final TreeMap<String, StoredDatabase> records = new TreeMap<>();
  private final int discardedTempFiles;
  private boolean closed;

  private FileDatabaseStore(Path directory, FileChannel lockChannel, FileLock lock) throws IOException {
    this.directory = directory;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.discardedTempFiles = load();
  }

  /** Opens (creating if needed) the store under {@code dataDir}, loading every record. */
  public static FileDatabaseStore open(Path dataDir) {
    Path directory = dataDir.resolve("databases");
    FileChannel lockChannel = null;
    try {
      Files.createDirectories(directory);
      lockChannel = FileChannel.open(dataDir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(lockChannel);
      if (lock == null) {
        throw new StoreException("data directory " + dataDir + " is in use by another placement process");
      }
      return new FileDatabaseStore(directory, lockChannel, lock);
    } catch (IOException | RuntimeException e) {
      closeQuietly(lockChannel);
      if (e instanceof StoreException) {
        throw (StoreException) e;
      }
      throw new StoreException("cannot open the registry under " + dataDir + ": " + e, e);
    }
  }

  /** Null when another process holds the lock, or (OverlappingFileLockException) this one does. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  /** How many half-written temporary files the last open found and removed (a crash mid-write). */
  public int discardedTempFiles() {
    return discardedTempFiles;
  }

  @Override
  public synchronized List<StoredDatabase> list() {
    return new ArrayList<>(records.values());
  }

  @Override
  public synchronized Optional<StoredDatabase> get(String name) {
    return Optional.ofNullable(records.get(name));
  }

  @Override
  public synchronized boolean create(StoredDatabase record) {
    checkOpen();
    if (records.containsKey(record.getName())) {
      return false;
    }
    write(record);
    return true;
  }

  @Override
  public synchronized boolean replace(StoredDatabase next, long expectedRevision) {
    checkOpen();
    StoredDatabase current = records.get(next.getName());
    if (current == null || current.getRevision() != expectedRevision) {
      return false;
    }
    write(next);
    return true;
  }

  @Override
  public synchronized boolean delete(String name) {
    checkOpen();
    if (!records.containsKey(name)) {
      return false;
    }
    try {
      Files.delete(recordFile(name));
      syncDirectory();
    } catch (IOException e) {
      throw new StoreException("cannot delete the record of " + name + ": " + e, e);
    }
    records.remove(name);
    return true;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      lock.release();
    } catch (IOException e) {
      log.warn("releasing the data directory lock failed", e);
    }
    closeQuietly(lockChannel);
  }

  /** Writes after close would happen without the directory lock, next to another process's. */
  private void checkOpen() {
    if (closed) {
      throw new StoreException("the registry at " + directory + " is closed");
    }
  }

  private void write(StoredDatabase record) {
    String name = record.getName();
    if (!DatabaseName.isValid(name)) {
      // Names become file names: never let one escape the directory.
      throw new StoreException(DatabaseName.problem(name));
    }
    Path temp = directory.resolve(name + RECORD_SUFFIX + "." + UUID.randomUUID() + TEMP_SUFFIX);
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = RecordFileFormat.encode(record);
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true);
      }
      Files.move(temp, recordFile(name), StandardCopyOption.ATOMIC_MOVE);
      syncDirectory();
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new StoreException("cannot save the record of " + name + ": " + e, e);
    }
    records.put(name, record);
  }

  private int load() throws IOException {
    int discarded = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(TEMP_SUFFIX)) {
          Files.delete(file);
          discarded++;
        } else if (fileName.endsWith(RECORD_SUFFIX)) {
          StoredDatabase record = RecordFileFormat.decode(Files.readAllBytes(file), file.toString());
          String expectedName = fileName.substring(0, fileName.length() - RECORD_SUFFIX.length());
          if (!record.getName().equals(expectedName)) {
            throw new StoreException("record file " + file + " holds database '" + record.getName() + "'");
          }
          records.put(record.getName(), record);
        }
      }
    }
    if (discarded > 0) {
      log.warn("removed {} unfinished record write(s) left by a crash in {}", discarded, directory);
      syncDirectory();
    }
    log.info("registry opened at {}: {} database(s)", directory, records.size());
    return discarded;
  }

  private Path recordFile(String name) {
    return directory.resolve(name + RECORD_SUFFIX);
  }

  /** Makes the rename (or delete) itself durable: it lives in the directory's entries. */
  private void syncDirectory() throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("cannot remove the temporary file {}", file, e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      log.warn("closing the data directory lock file failed", e);
    }
  }
}
