package dev.hyperdrive.endpoint.prepared;

import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.frontend.StatementKey;

/**
 * The bookkeeping that waits for the origin's answer: each method names what happens to the client's or
 * the connection's statements once a message succeeds or fails (or is skipped after an error).
 */
final class ResponseOutcomes {
  private final ClientStatements client;
  private final ServerStatementNames names;

  ResponseOutcomes(ClientStatements client, ServerStatementNames names) {
    this.client = client;
    this.names = names;
  }

  /** A Parse of {@code serverName} on the connection: held once confirmed, forgotten if it failed. */
  ResponseOutcome serverParse(StatementKey key, String serverName, ConnectionStatements held) {
    return new ResponseOutcome() {
      @Override
      public void succeeded() {
        held.prepared(serverName);
        names.parsedSuccessfully(key);
      }

      @Override
      public void failed(ErrorResponse error) {
        if (PreparedStatementErrors.hasState(error, PreparedStatementErrors.DUPLICATE_PREPARED_STATEMENT)) {
          held.prepared(serverName); // it was there after all: heal the cache
        } else {
          held.forget(serverName);
        }
      }
    };
  }

  /** The client's Parse of {@code name}: a Parse that failed is not remembered. */
  ResponseOutcome undefineOnFailure(String name, long definedAt) {
    return new ResponseOutcome() {
      @Override
      public void failed(ErrorResponse error) {
        client.undefine(name, definedAt);
      }
    };
  }

  /** An unnamed Parse that failed leaves no unnamed statement, for the client or on the connection. */
  ResponseOutcome unnamedParse(UnnamedStatement unnamed, ConnectionStatements held) {
    return new ResponseOutcome() {
      @Override
      public void failed(ErrorResponse error) {
        client.forgetUnnamed(unnamed);
        if (held.unnamedOwner() == unnamed) {
          held.unnamedOwner(null);
        }
      }
    };
  }

  /** A Close or DEALLOCATE that was skipped (or failed) leaves the client's statement in place. */
  ResponseOutcome restoreOnFailure(String name, ClientStatements.Definition closed) {
    return new ResponseOutcome() {
      @Override
      public void failed(ErrorResponse error) {
        if (closed != null) {
          client.restore(name, closed);
        }
      }
    };
  }

  ResponseOutcome restoreUnnamedOnFailure(UnnamedStatement closed) {
    return new ResponseOutcome() {
      @Override
      public void failed(ErrorResponse error) {
        if (closed != null && client.unnamed() == null) {
          client.unnamed(closed);
        }
      }
    };
  }

  /** An eviction's Close that was skipped: the statement is still on the connection. */
  ResponseOutcome restoreEvictedOnFailure(String serverName, ConnectionStatements held) {
    return new ResponseOutcome() {
      @Override
      public void failed(ErrorResponse error) {
        held.prepared(serverName);
      }
    };
  }

  /**
   * A Bind that failed with "cached plan must not change result type" (the schema changed under the
   * statement): the statement gets a fresh server name, so its next use everywhere prepares it anew.
   */
  ResponseOutcome retireStalePlan(StatementKey key, String serverName) {
    return new ResponseOutcome() {
      @Override
      public void failed(ErrorResponse error) {
        if (PreparedStatementErrors.isCachedPlanChanged(error)) {
          names.retire(key, serverName);
        }
      }
    };
  }

  /**
   * Execute or Query: when the origin reports DEALLOCATE ALL or DISCARD ALL, the connection has lost
   * every statement, and the client every statement it had defined before sending this.
   */
  ResponseOutcome watchForDeallocateAll(ConnectionStatements held) {
    long sentAtGeneration = client.generation();
    return new ResponseOutcome() {
      @Override
      public void commandCompleted(String tag) {
        if ("DEALLOCATE ALL".equals(tag) || "DISCARD ALL".equals(tag)) {
          held.forgetAllPrepared();
          client.forgetDefinedUpTo(sentAtGeneration);
        }
      }
    };
  }

  static ResponseOutcome both(ResponseOutcome first, ResponseOutcome second) {
    return new ResponseOutcome() {
      @Override
      public void succeeded() {
        first.succeeded();
        second.succeeded();
      }

      @Override
      public void failed(ErrorResponse error) {
        first.failed(error);
        second.failed(error);
      }

      @Override
      public void commandCompleted(String tag) {
        first.commandCompleted(tag);
        second.commandCompleted(tag);
      }
    };
  }
}
