package dev.hyperdrive.placement;

import dev.hyperdrive.proto.probe.OriginSettings;

/** The defaults of {@link OriginSettings} fields that proto3 leaves at zero. */
final class OriginDefaults {

  static final int POSTGRES_PORT = 5432;

  private OriginDefaults() {}

  static int port(OriginSettings origin) {
    return origin.getPort() == 0 ? POSTGRES_PORT : origin.getPort();
  }
}
