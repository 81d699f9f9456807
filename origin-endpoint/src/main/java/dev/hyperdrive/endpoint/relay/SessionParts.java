package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.endpoint.pool.OriginPool;
import dev.hyperdrive.endpoint.prepared.SessionStatements;
import dev.hyperdrive.endpoint.session.SessionState;
import dev.hyperdrive.proto.relay.SessionOpen;

/**
 * What the pieces of one open session share, all used on its event loop: the call to the edge, the
 * tracker of what the origin owes, and the hooks that see every frame crossing the relay — prepared
 * statements (package {@code endpoint.prepared}), session settings ({@code endpoint.session}) and the
 * deadlines.
 */
record SessionParts(EdgeCall edge, BatchTracker tracker, SessionStatements statements, SessionState settings,
    SessionDeadlines deadlines) {

  /** The parts of a session whose SessionOpen names {@code pool}'s database. */
  static SessionParts open(SessionOpen open, OriginPools pools, OriginPool pool, EdgeCall edge, BatchTracker tracker,
      SessionDeadlines deadlines) {
    SessionStatements statements = new SessionStatements(pools.statementNames(open.getDatabase()),
        pool.settings().maxPreparedStatements());
    return new SessionParts(edge, tracker, statements, new SessionState(StartupParameters.of(open)), deadlines);
  }
}
