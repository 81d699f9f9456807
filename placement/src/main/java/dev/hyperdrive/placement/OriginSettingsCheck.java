package dev.hyperdrive.placement;

import dev.hyperdrive.proto.probe.OriginSettings;
import dev.hyperdrive.proto.probe.SslMode;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses origin settings that cannot work before any site is asked (INVALID_ARGUMENT naming every
 * missing piece) and fills the defaults proto3 leaves at zero, so stored settings are explicit.
 */
final class OriginSettingsCheck {

  private OriginSettingsCheck() {}

  static OriginSettings complete(OriginSettings origin) {
    List<String> problems = new ArrayList<>();
    if (origin.getHost().isEmpty()) {
      problems.add("a host");
    }
    if (origin.getUser().isEmpty()) {
      problems.add("a user");
    }
    if (origin.getDatabase().isEmpty()) {
      problems.add("a database name");
    }
    if (Integer.compareUnsigned(origin.getPort(), 65_535) > 0) {
      problems.add("a port between 1 and 65535");
    }
    boolean verifies = origin.getSslmode() == SslMode.SSL_MODE_VERIFY_CA
        || origin.getSslmode() == SslMode.SSL_MODE_VERIFY_FULL;
    if (verifies && origin.getCaCertificatePem().isEmpty()) {
      problems.add("a CA certificate (sslrootcert) for sslmode " + origin.getSslmode());
    }
    if (origin.getSslmode() == SslMode.UNRECOGNIZED) {
      problems.add("a known sslmode");
    }
    if (!problems.isEmpty()) {
      throw Status.INVALID_ARGUMENT
          .withDescription("the origin connection settings need " + String.join(", ", problems))
          .asRuntimeException();
    }
    OriginSettings.Builder complete = origin.toBuilder().setPort(OriginDefaults.port(origin));
    if (origin.getSslmode() == SslMode.SSL_MODE_UNSPECIFIED) {
      complete.setSslmode(SslMode.SSL_MODE_DISABLE);
    }
    return complete.build();
  }
}
