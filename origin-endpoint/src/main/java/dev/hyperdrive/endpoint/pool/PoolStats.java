package dev.hyperdrive.endpoint.pool;

/**
 * A pool's counters at one instant, with PgBouncer's SHOW POOLS names.
 *
 * @param svActive connections checked out to a client session
 * @param svIdle connections idle in the pool
 * @param svLogin connections being opened (TCP, TLS, login)
 * @param clWaiting sessions waiting for a connection
 * @param maxwaitUs how long the oldest waiting session has waited, in microseconds
 */
public record PoolStats(int svActive, int svIdle, int svLogin, int clWaiting, long maxwaitUs) {
  public int total() {
    return svActive + svIdle + svLogin;
  }
}
