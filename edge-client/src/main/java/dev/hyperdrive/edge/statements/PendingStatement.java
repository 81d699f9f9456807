package dev.hyperdrive.edge.statements;

import dev.hyperdrive.wire.frontend.StatementKey;

/**
 * A statement the edge prepared for the driver without asking the origin: the driver has seen
 * ParseComplete (and maybe its description), and the origin will get the driver's own Parse frame in
 * front of the first request that uses the statement.
 *
 * @param parseFrame the driver's Parse message, exactly as it sent it
 * @param answeredShape the description the edge gave the driver, or null if it asked for none
 * @param sending whether that Parse is on its way to the origin
 */
record PendingStatement(String name, StatementKey key, byte[] parseFrame, StatementShape answeredShape, boolean sending) {
  PendingStatement described(StatementShape shape) {
    return new PendingStatement(name, key, parseFrame, shape, sending);
  }

  PendingStatement sending(boolean nowSending) {
    return new PendingStatement(name, key, parseFrame, answeredShape, nowSending);
  }
}
