package dev.hyperdrive.placement.cli;

import com.google.protobuf.Timestamp;
import dev.hyperdrive.placement.ProtoTime;
import dev.hyperdrive.proto.placement.Caching;
import dev.hyperdrive.proto.placement.OriginSummary;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How the CLI writes values: origins, caching settings, times, and errors from placement. */
final class CliText {

  private CliText() {}

  static String describe(StatusRuntimeException e, String placement) {
    Status status = e.getStatus();
    if (status.getCode() == Status.Code.UNAVAILABLE && status.getDescription() != null
        && !status.getDescription().startsWith("no endpoint site")) {
      return "cannot reach placement at " + placement + " (" + status.getDescription()
          + "): is it running? set --placement or HYPERDRIVE_PLACEMENT";
    }
    String description = status.getDescription() == null ? "" : ": " + status.getDescription();
    return status.getCode() + description;
  }

  static String origin(OriginSummary origin) {
    String ssl = origin.getSslmode().name().replace("SSL_MODE_", "").toLowerCase().replace('_', '-');
    return origin.getUser() + "@" + origin.getHost() + ":" + origin.getPort() + "/" + origin.getDatabase()
        + " (sslmode=" + ssl + ")";
  }

  static String caching(Caching caching) {
    String catalog = caching.getCatalogCacheDisabled() ? ", catalog cache off" : "";
    if (caching.getDisabled()) {
      return "disabled" + catalog;
    }
    return "max_age " + caching.getMaxAgeSeconds() + "s, stale_while_revalidate "
        + caching.getStaleWhileRevalidateSeconds() + "s" + catalog;
  }

  /** {@code 2025-01-01T12:00:00Z (42s ago)} */
  static String time(Timestamp timestamp, Instant now) {
    Instant instant = ProtoTime.toInstant(timestamp).truncatedTo(ChronoUnit.SECONDS);
    return instant + " (" + ago(Duration.between(ProtoTime.toInstant(timestamp), now)) + ")";
  }

  static String ago(Duration elapsed) {
    long seconds = Math.max(0, elapsed.toSeconds());
    if (seconds < 120) {
      return seconds + "s ago";
    }
    if (seconds < 7200) {
      return seconds / 60 + "m ago";
    }
    return seconds / 3600 + "h ago";
  }
}
