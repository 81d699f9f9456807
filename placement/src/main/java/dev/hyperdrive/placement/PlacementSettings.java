package dev.hyperdrive.placement;

import java.time.Duration;

/**
 * How placement runs measure: {@code samples} set-ups per site (default 5), a run for every
 * database every {@code interval} (default 10 minutes), each set-up bounded by
 * {@code connectTimeout} (default 10 s, also the bound of the create-time validation).
 */
public record PlacementSettings(int samples, Duration interval, Duration connectTimeout) {

  public static final int DEFAULT_SAMPLES = 5;
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  public static PlacementSettings defaults() {
    return new PlacementSettings(DEFAULT_SAMPLES, DEFAULT_INTERVAL, DEFAULT_CONNECT_TIMEOUT);
  }
}
