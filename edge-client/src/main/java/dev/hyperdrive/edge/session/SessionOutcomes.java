package dev.hyperdrive.edge.session;

import dev.hyperdrive.wire.SqlState;
import dev.hyperdrive.wire.backend.ErrorResponse;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How this edge's driver connections ended, counted per {@link Outcome}; what the sessions-by-outcome
 * metric reads. Thread-safe: every session's event loop records here.
 */
public final class SessionOutcomes {
  /** How one connection ended; {@link #label()} is the metric label. */
  public enum Outcome {
    /** The driver sent Terminate. */
    TERMINATED("terminated"),
    /** The driver closed its socket after the greeting without Terminate. */
    DISCONNECTED("disconnected"),
    /** The driver closed its socket before the handshake finished. */
    ABANDONED("abandoned"),
    /** Wrong password or user (SQLSTATE class 28). */
    AUTH_FAILED("auth_failed"),
    /** Refused during the handshake for another reason: unknown database, protocol violation, origin unknown. */
    REFUSED("refused"),
    /** No complete handshake within the handshake timeout. */
    HANDSHAKE_TIMEOUT("handshake_timeout"),
    /** A CancelRequest connection (it carries no session). */
    CANCEL_REQUEST("cancel_request"),
    /** The relay to the endpoint failed under the session (08006). */
    RELAY_LOST("relay_lost"),
    /** Ended by the edge's shutdown (57P01). */
    SHUTDOWN("shutdown"),
    /** Any other FATAL error after the greeting, the endpoint's included. */
    ERROR("error");

    private final String label;

    Outcome(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The outcome of a session ended by {@code error}; {@code greeted} = after ReadyForQuery was sent. */
    static Outcome ofRefusal(ErrorResponse error, boolean greeted) {
      String sqlState = error.sqlState();
      if (SqlState.ADMIN_SHUTDOWN.equals(sqlState)) {
        return SHUTDOWN;
      }
      if (sqlState != null && sqlState.startsWith("28")) {
        return AUTH_FAILED;
      }
      if (!greeted) {
        return REFUSED;
      }
      return SqlState.CONNECTION_FAILURE.equals(sqlState) ? RELAY_LOST : ERROR;
    }
  }

  private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);

  public SessionOutcomes() {
    for (Outcome outcome : Outcome.values()) {
      counts.put(outcome, new LongAdder());
    }
  }

  void record(Outcome outcome) {
    counts.get(outcome).increment();
  }

  public long count(Outcome outcome) {
    return counts.get(outcome).sum();
  }
}
