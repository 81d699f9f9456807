package dev.hyperdrive.endpoint.prepared;

import dev.hyperdrive.wire.frontend.Parse;

/**
 * A session's latest unnamed Parse. Its identity marks which origin connection's unnamed statement is
 * this session's, so a Bind of the unnamed statement on another connection (lib/pq sends Parse+Sync,
 * then Bind+Execute+Sync, and the connection may change in between) replays the Parse first.
 */
final class UnnamedStatement {
  private final Parse parse;

  UnnamedStatement(Parse parse) {
    this.parse = parse;
  }

  Parse parse() {
    return parse;
  }
}
