package dev.hyperdrive.endpoint.pool;

import dev.hyperdrive.endpoint.origin.OriginConnection;

/**
 * One client's hold on one origin connection. Closing it gives the connection back to the pool when it
 * is clean (idle, outside a transaction, nothing in flight) and discards it otherwise, so no client ever
 * receives a connection with another client's leftovers. Used by one session at a time; not thread-safe.
 */
public final class Checkout implements AutoCloseable {
  private final OriginPool pool;
  private final OriginConnection connection;
  private boolean clean = true;
  private boolean closed;

  Checkout(OriginPool pool, OriginConnection connection) {
    this.pool = pool;
    this.connection = connection;
  }

  public OriginConnection connection() {
    return connection;
  }

  /** Frames have been sent: until the origin says ReadyForQuery 'I' the connection is not reusable. */
  public void markBusy() {
    clean = false;
  }

  /** The origin said ReadyForQuery 'I' and nothing more is in flight. */
  public void markIdle() {
    clean = true;
  }

  public boolean isClean() {
    return clean;
  }

  public boolean isClosed() {
    return closed;
  }

  /** Closes the origin connection instead of returning it, whatever its state. */
  public void discard() {
    clean = false;
    close();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    pool.checkIn(connection, clean && connection.isOpen());
  }

  @Override
  public String toString() {
    return "checkout of " + connection + (closed ? " (closed)" : clean ? " (idle)" : " (busy)");
  }
}
