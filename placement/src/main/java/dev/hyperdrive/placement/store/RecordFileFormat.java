package dev.hyperdrive.placement.store;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.hyperdrive.proto.placement.StoredDatabase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The bytes of one record file: a header that lets a reader reject anything but a complete record
 * (a protobuf cut at a field boundary would otherwise parse as a valid, smaller record), then the
 * {@link StoredDatabase} itself.
 *
 * <pre>
 *   "HDDB"   magic
 *   uint8    format version (1)
 *   int32    payload length
 *   int32    CRC-32C of the payload
 *   payload  StoredDatabase, protobuf binary
 * </pre>
 *
 * Atomic rename already keeps torn files away from the final name; the checksum catches what rename
 * cannot (a disk or an operator's editor corrupting a file).
 */
final class RecordFileFormat {

  private static final byte[] MAGIC = "HDDB".getBytes(StandardCharsets.US_ASCII);
  private static final byte VERSION = 1;
  private static final int HEADER_LENGTH = MAGIC.length + 1 + 4 + 4;

  private RecordFileFormat() {}

  static ByteBuffer encode(StoredDatabase record) {
    byte[] payload = record.toByteArray();
    ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + payload.length);
    out.put(MAGIC).put(VERSION).putInt(payload.length).putInt(crc32c(payload)).put(payload);
    return out.flip();
  }

  /** @param fileName only for the error message */
  static StoredDatabase decode(byte[] file, String fileName) {
    ByteBuffer in = ByteBuffer.wrap(file);
    if (file.length < HEADER_LENGTH) {
      throw corrupt(fileName, "shorter than the " + HEADER_LENGTH + "-byte header");
    }
    byte[] magic = new byte[MAGIC.length];
    in.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw corrupt(fileName, "does not start with HDDB");
    }
    byte version = in.get();
    if (version != VERSION) {
      throw corrupt(fileName, "format version " + version + " is not supported (expected " + VERSION + ")");
    }
    int length = in.getInt();
    int checksum = in.getInt();
    if (length != in.remaining()) {
      throw corrupt(fileName, "header says " + length + " payload bytes, file holds " + in.remaining());
    }
    byte[] payload = new byte[length];
    in.get(payload);
    if (crc32c(payload) != checksum) {
      throw corrupt(fileName, "checksum mismatch");
    }
    try {
      return StoredDatabase.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new StoreException("record file " + fileName + " is corrupt: " + e.getMessage(), e);
    }
  }

  private static int crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return (int) crc.getValue();
  }

  private static StoreException corrupt(String fileName, String why) {
    return new StoreException("record file " + fileName + " is corrupt (" + why
        + "); move it out of the data directory to start without that database");
  }
}
