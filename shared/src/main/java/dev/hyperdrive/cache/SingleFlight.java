package dev.hyperdrive.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Lets only one request per key go to the origin at a time (used by both cache tiers). The first miss for a key becomes its
 * flight's leader and must {@link #land} it exactly once; identical misses arriving meanwhile wait as
 * followers and are told what the leader got (the stored result, or nothing when the answer could not
 * be cached, in which case each asks the origin itself). A follower waits at most {@code maxWait};
 * a flight takes at most {@code maxFollowers}, so a burst can never pile up without bound.
 *
 * <p>Thread-safe: sessions on different event loops join the same flight. Followers are called back
 * on their own executor.
 */
public final class SingleFlight {
  /** How a request joined. */
  public enum Role {
    /** Go to the origin and {@link #land} the flight afterwards. */
    LEADER,
    /** Wait: the callback brings the leader's result (or nothing). */
    FOLLOWER,
    /** The flight is full: go to the origin without waiting, and do not land anything. */
    ON_YOUR_OWN
  }

  private static final class Flight {
    private final List<Follower> followers = new ArrayList<>();
    private boolean landed;
  }

  private static final class Follower {
    private final ScheduledExecutorService executor;
    private final Consumer<Optional<CachedResult>> callback;
    /** Cancelled when the flight lands first: a pending task would keep the waiting session reachable. */
    private ScheduledFuture<?> giveUp;

    Follower(ScheduledExecutorService executor, Consumer<Optional<CachedResult>> callback) {
      this.executor = executor;
      this.callback = callback;
    }
  }

  private final ConcurrentHashMap<CacheKey, Flight> flights = new ConcurrentHashMap<>();
  private final Duration maxWait;
  private final int maxFollowers;

  public SingleFlight(Duration maxWait, int maxFollowers) {
    this.maxWait = maxWait;
    this.maxFollowers = maxFollowers;
  }

  /** Leads a new flight for {@code key} if none is in the air; never waits. */
  public boolean tryLead(CacheKey key) {
    return flights.putIfAbsent(key, new Flight()) == null;
  }

  /**
   * Leads the flight for {@code key}, or follows the one in the air: then {@code callback} runs once on
   * {@code executor}, with the leader's result, or empty when the leader had nothing to share or
   * {@code maxWait} passed first.
   */
  public Role join(CacheKey key, ScheduledExecutorService executor, Consumer<Optional<CachedResult>> callback) {
    Flight fresh = new Flight();
    Flight flight = flights.putIfAbsent(key, fresh);
    if (flight == null) {
      return Role.LEADER;
    }
    Follower follower = new Follower(executor, callback);
    synchronized (flight) {
      if (flight.landed || flight.followers.size() >= maxFollowers) {
        return Role.ON_YOUR_OWN;
      }
      flight.followers.add(follower);
      follower.giveUp = executor.schedule(() -> giveUp(flight, follower), maxWait.toMillis(), TimeUnit.MILLISECONDS);
    }
    return Role.FOLLOWER;
  }

  /** The leader is done: tell every follower, and let the next miss lead a new flight. */
  public void land(CacheKey key, Optional<CachedResult> result) {
    Flight flight = flights.remove(key);
    if (flight == null) {
      return;
    }
    List<Follower> waiting;
    synchronized (flight) {
      flight.landed = true;
      waiting = new ArrayList<>(flight.followers);
      flight.followers.clear();
    }
    for (Follower follower : waiting) {
      follower.giveUp.cancel(false);
      follower.executor.execute(() -> follower.callback.accept(result));
    }
  }

  /** Flights in the air (for tests). */
  public int inFlight() {
    return flights.size();
  }

  private void giveUp(Flight flight, Follower follower) {
    boolean stillWaiting;
    synchronized (flight) {
      stillWaiting = flight.followers.remove(follower);
    }
    if (stillWaiting) {
      follower.callback.accept(Optional.empty());
    }
  }
}
