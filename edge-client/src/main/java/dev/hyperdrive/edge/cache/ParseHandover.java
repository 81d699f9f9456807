package dev.hyperdrive.edge.cache;

import dev.hyperdrive.wire.frontend.Parse;

/**
 * Where the cache hands the Parse of a batch it answered, so that the origin still gets that Parse before
 * the statement's first use there (the session's prepared-statement handling owes it to the origin).
 * Without it, a later Bind, Describe or Close of the statement would reach an origin that never saw it.
 */
public interface ParseHandover {
  /**
   * Whether the driver may be told this Parse succeeded without asking the origin: not when the name is
   * one the origin may hold or that is already prepared, which PostgreSQL would refuse (42P05).
   */
  boolean canPrepareWithoutOrigin(Parse parse);

  /** The driver saw ParseComplete for {@code parse} from the cache: the origin owes it. */
  void preparedWithoutOrigin(Parse parse);
}
