package dev.hyperdrive.endpoint.pool;

import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.endpoint.origin.OriginConnectException;
import dev.hyperdrive.endpoint.origin.OriginConnection;
import dev.hyperdrive.endpoint.origin.OriginConnector;
import dev.hyperdrive.endpoint.origin.OriginListener;
import dev.hyperdrive.wire.SqlState;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ParameterStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded transaction-mode pool of origin connections for one database: at most
 * {@code default_pool_size} connections, handed out one client batch (or transaction) at a time, with
 * FIFO waiting bounded by {@code query_wait_timeout}. All state is guarded by this object's monitor;
 * the critical sections are short and never block on I/O.
 */
public final class OriginPool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OriginPool.class);

  private final String database;
  private final PoolSettings settings;
  private final OriginConnector connector;
  private final ScheduledExecutorService scheduler;
  private final IdleWatcher idleWatcher = new IdleWatcher(this);
  private final IdleConnections idle = new IdleConnections();
  private final WaitQueue waiters = new WaitQueue();
  private final PoolReaper reaper;
  private static final Duration CONNECT_RETRY_BACKOFF = Duration.ofSeconds(5);

  private int open;
  private int connecting;
  private int checkedOut;
  private boolean closed;
  private long lastConnectFailureNanos = System.nanoTime() - CONNECT_RETRY_BACKOFF.toNanos();
  private volatile List<ParameterStatus> originParameters;
  private long checkouts;
  private long checkoutWaitNanos;
  private long waitTimeouts;

  public OriginPool(String database, PoolSettings settings, OriginConnector connector,
      ScheduledExecutorService scheduler) {
    this.database = database;
    this.settings = settings;
    this.connector = connector;
    this.scheduler = scheduler;
    this.reaper = new PoolReaper(this, settings, scheduler);
  }

  /** Starts the reaper and opens min_pool_size connections. */
  public OriginPool start() {
    reaper.start();
    synchronized (this) {
      replenish();
    }
    return this;
  }

  public String database() {
    return database;
  }

  public PoolSettings settings() {
    return settings;
  }

  public OriginConnector connector() {
    return connector;
  }

  /**
   * Asks for a connection. The future completes with a checkout whose connection already reports to
   * {@code listener}; or fails with {@link PoolExhaustedException} after query_wait_timeout, or with
   * {@link OriginConnectException} when the connection opened for this client could not log in.
   * Cancelling the future withdraws the request; a connection granted concurrently goes back to the pool.
   * Dependent actions must be async: the future may complete while the pool's lock is held.
   */
  public CompletableFuture<Checkout> acquire(OriginListener listener) {
    return acquire(listener, null);
  }

  /**
   * Like {@link #acquire(OriginListener)}; an idle connection whose I/O runs on {@code preferredLoop} (the
   * session's event loop) is handed out first, when one is among the most recently used.
   */
  public CompletableFuture<Checkout> acquire(OriginListener listener, Executor preferredLoop) {
    Waiter waiter = new Waiter(listener);
    synchronized (this) {
      if (closed) {
        waiter.result.completeExceptionally(shutdownError());
        return waiter.result;
      }
      OriginConnection connection;
      while ((connection = idle.pop(preferredLoop)) != null) {
        if (grant(waiter, connection)) {
          return waiter.result;
        }
      }
      waiters.add(waiter);
      waiter.timeout = scheduler.schedule(() -> timeOut(waiter),
          settings.queryWaitTimeout().toNanos(), TimeUnit.NANOSECONDS);
      replenish();
    }
    waiter.result.whenComplete((checkout, failure) -> withdraw(waiter));
    return waiter.result;
  }

  /** The ParameterStatus set the origin sends at startup; opens a connection only if none was ever opened. */
  public CompletableFuture<List<ParameterStatus>> originParameters() {
    List<ParameterStatus> known = originParameters;
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    return acquire(idleWatcher).thenApply(checkout -> {
      try (checkout) {
        return checkout.connection().startupParameters();
      }
    });
  }

  /** Connections handed to sessions since the pool started. */
  public synchronized long checkouts() {
    return checkouts;
  }

  /** Time those checkouts waited for their connection, in total (nanoseconds). */
  public synchronized long checkoutWaitNanos() {
    return checkoutWaitNanos;
  }

  /** Sessions that gave up waiting after query_wait_timeout. */
  public synchronized long waitTimeouts() {
    return waitTimeouts;
  }

  public synchronized PoolStats stats() {
    return new PoolStats(checkedOut, idle.size(), connecting, waiters.waitingCount(),
        waiters.longestWaitMicros(System.nanoTime()));
  }

  /** Called by {@link Checkout#close()}; waits for in-flight cancels so none can hit the next client. */
  void checkIn(OriginConnection connection, boolean reusable) {
    connection.whenNoCancelInFlight(() -> returnToPool(connection, reusable));
  }

  private synchronized void returnToPool(OriginConnection connection, boolean reusable) {
    checkedOut--;
    boolean tooOld = System.nanoTime() - connection.openedAtNanos() >= settings.serverLifetime().toNanos();
    if (!reusable || closed || tooOld || !connection.isOpen()) {
      log.debug("{}: closing {} ({})", database, connection,
          !reusable ? "not clean" : closed ? "pool closed" : tooOld ? "server_lifetime reached" : "origin closed it");
      closeConnection(connection);
      replenish();
      return;
    }
    offer(connection);
  }

  /** Gives a free connection to the longest waiter, or parks it idle. */
  private void offer(OriginConnection connection) {
    Waiter waiter;
    while ((waiter = waiters.pollWaiting()) != null) {
      if (grant(waiter, connection)) {
        return;
      }
    }
    connection.listener(idleWatcher);
    idle.push(connection);
    // Reading while idle is how a close by the origin gets noticed.
    connection.requestRead();
  }

  private boolean grant(Waiter waiter, OriginConnection connection) {
    if (!connection.isOpen()) {
      closeConnection(connection);
      return false;
    }
    connection.listener(waiter.listener);
    checkedOut++;
    if (waiter.result.complete(new Checkout(this, connection))) {
      log.debug("{}: {} checked out", database, connection);
      checkouts++;
      checkoutWaitNanos += System.nanoTime() - waiter.enqueuedAtNanos;
      return true;
    }
    checkedOut--;
    connection.listener(idleWatcher);
    return false;
  }

  /** Opens connections for waiters not already covered by one being opened, and up to min_pool_size. */
  private void replenish() {
    if (closed) {
      return;
    }
    // After a failed connect, min_pool_size waits a little: no one is waiting, so no need to hammer a down origin.
    boolean backingOff = System.nanoTime() - lastConnectFailureNanos < CONNECT_RETRY_BACKOFF.toNanos();
    int forMinimum = backingOff ? 0 : settings.minPoolSize() - open;
    int wanted = Math.max(waiters.waitingCount() - connecting, forMinimum);
    while (wanted-- > 0 && open < settings.defaultPoolSize()) {
      open++;
      connecting++;
      log.debug("{}: opening origin connection {} of at most {}", database, open, settings.defaultPoolSize());
      connector.connect().whenComplete(this::connected);
    }
  }

  private synchronized void connected(OriginConnection connection, Throwable failure) {
    connecting--;
    if (failure != null) {
      open--;
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      log.debug("{}: origin connection failed: {}", database, cause.getMessage());
      // The waiter this connection was opened for learns why; others keep waiting (and retry).
      Waiter waiter = waiters.pollWaiting();
      if (waiter != null) {
        waiter.result.completeExceptionally(cause);
        replenish();
      } else {
        lastConnectFailureNanos = System.nanoTime();
        log.warn("{}: could not open an origin connection for min_pool_size: {}", database, cause.getMessage());
      }
      return;
    }
    if (closed) {
      closeConnection(connection);
      return;
    }
    if (originParameters == null) {
      originParameters = connection.startupParameters();
    }
    offer(connection);
  }

  private synchronized void timeOut(Waiter waiter) {
    long waitedNanos = System.nanoTime() - waiter.enqueuedAtNanos;
    if (waiter.result.completeExceptionally(new PoolExhaustedException(database, settings.defaultPoolSize(),
        Duration.ofNanos(waitedNanos)))) {
      waitTimeouts++;
      log.debug("{}: a client waited {} ms for a connection and gave up (query_wait_timeout)",
          database, waitedNanos / 1_000_000);
    }
  }

  private synchronized void withdraw(Waiter waiter) {
    waiters.remove(waiter);
    if (waiter.timeout != null) {
      waiter.timeout.cancel(false);
    }
  }

  synchronized void idleConnectionClosed(OriginConnection connection, Throwable cause) {
    if (idle.remove(connection)) {
      open--;
      log.debug("{}: idle {} closed by the origin{}", database, connection, cause == null ? "" : ": " + cause);
      replenish();
    }
  }

  /** Closes idle connections past server_idle_timeout (keeping min_pool_size) or server_lifetime. */
  synchronized void reap() {
    long now = System.nanoTime();
    long idleLimit = settings.serverIdleTimeout().toNanos();
    long lifeLimit = settings.serverLifetime().toNanos();
    int[] closable = {open - settings.minPoolSize()};
    List<OriginConnection> expired = idle.removeExpired(now, idle.size(), (connection, idleNanos) -> {
      boolean tooOld = now - connection.openedAtNanos() >= lifeLimit;
      boolean idleTooLong = idleNanos >= idleLimit && closable[0] > 0;
      if (tooOld || idleTooLong) {
        closable[0]--;
        return true;
      }
      return false;
    });
    for (OriginConnection connection : expired) {
      log.debug("{}: closing {} (server_idle_timeout or server_lifetime)", database, connection);
      closeConnection(connection);
    }
    replenish();
  }

  private void closeConnection(OriginConnection connection) {
    open--;
    connection.close();
  }

  private static OriginConnectException shutdownError() {
    return new OriginConnectException(ErrorResponse.fatal(SqlState.ADMIN_SHUTDOWN,
        "the endpoint is shutting down"), null);
  }

  /** Stops handing out connections: waiters fail with 57P01, idle connections close, busy ones close on return. */
  @Override
  public void close() {
    List<OriginConnection> idleNow;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      Waiter waiter;
      while ((waiter = waiters.pollWaiting()) != null) {
        waiter.result.completeExceptionally(shutdownError());
      }
      idleNow = idle.removeAll();
      open -= idleNow.size();
    }
    reaper.stop();
    idleNow.forEach(OriginConnection::close);
    log.debug("{}: pool closed", database);
  }
}
