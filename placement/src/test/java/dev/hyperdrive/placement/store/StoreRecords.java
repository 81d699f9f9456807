package dev.hyperdrive.placement.store;

import dev.hyperdrive.proto.placement.StoredDatabase;
import dev.hyperdrive.proto.probe.OriginSettings;

/** Records for store tests: the origin host says which write a record came from. */
final class StoreRecords {

  private StoreRecords() {}

  static StoredDatabase record(String name, long revision) {
    return record(name, revision, "");
  }

  /** {@code padding} goes in the CA field, to make a write take long enough to be interrupted. */
  static StoredDatabase record(String name, long revision, String padding) {
    return StoredDatabase.newBuilder()
        .setName(name)
        .setRevision(revision)
        .setOrigin(OriginSettings.newBuilder()
            .setHost("host-" + revision)
            .setPort(5432)
            .setUser("app")
            .setPassword("secret")
            .setDatabase("app")
            .setCaCertificatePem(padding))
        .build();
  }
}
