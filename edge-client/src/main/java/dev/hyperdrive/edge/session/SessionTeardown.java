package dev.hyperdrive.edge.session;

import dev.hyperdrive.edge.cancel.BackendKey;
import dev.hyperdrive.edge.session.SessionOutcomes.Outcome;

/**
 * The close/teardown part of a {@link ClientSession}: records how the session ended (once) and gives
 * back what it holds — the driver's buffered requests, the relay stream and the cancel key. The session
 * decides when; this class knows what ending involves. Runs on the session's event loop.
 */
final class SessionTeardown {
  private final SessionServices services;
  private BackendKey backendKey;
  private boolean outcomeRecorded;

  SessionTeardown(SessionServices services) {
    this.services = services;
  }

  /** The key the driver was given at greeting; released when the session ends. */
  void keyIssued(BackendKey key) {
    this.backendKey = key;
  }

  /** Counts the session's end once: the first recorded cause is the one that ended it. */
  void endedAs(Outcome outcome) {
    if (!outcomeRecorded) {
      outcomeRecorded = true;
      services.liveSessions().outcomes().record(outcome);
    }
  }

  /** Releases everything; {@code relay} is null before the driver was greeted. */
  void releaseAll(RequestForwarding forwarding, SessionRelay relay) {
    forwarding.discard();
    if (relay != null) {
      relay.abandon();
    }
    releaseKey();
  }

  /** After a Terminate the relay ends the stream itself; only the cancel key is left to give back. */
  void releaseKey() {
    if (backendKey != null) {
      services.cancelRegistry().release(backendKey);
      backendKey = null;
    }
  }
}
