package dev.hyperdrive.edge.cache;

import dev.hyperdrive.cache.SessionCommand;
import dev.hyperdrive.cache.SessionCommands;
import dev.hyperdrive.wire.frontend.Close;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named prepared statements of one session that the origin is known to hold (so a later Bind of
 * one can be keyed on its query text), and the effects of batches relayed without a ReadyForQuery of
 * their own, carried to the next batch that has one.
 *
 * <p>A statement is remembered only once the batch that prepared it succeeded, and forgotten as soon as
 * a batch closes, deallocates or re-prepares it: when in doubt, a Bind is not answered from the cache.
 */
final class SessionStatements {
  private final Map<String, Parse> named = new HashMap<>();
  private BatchEffects carried = BatchEffects.NONE;

  Optional<Parse> named(String statement) {
    return statement.isEmpty() ? Optional.empty() : Optional.ofNullable(named.get(statement));
  }

  /** Reads a batch's state-changing messages; forgets at once what they may replace or remove. */
  BatchEffects effectsOf(List<FrontendMessage> stateChanging, boolean standardConformingStrings) {
    List<SessionCommand> commands = new ArrayList<>();
    List<Parse> namedParses = new ArrayList<>();
    for (FrontendMessage message : stateChanging) {
      if (message instanceof Query query) {
        commands.addAll(SessionCommands.of(query.sql(), standardConformingStrings));
      } else if (message instanceof Parse parse) {
        List<SessionCommand> inStatement = SessionCommands.of(parse.query(), standardConformingStrings);
        if (!parse.statement().isEmpty()) {
          named.remove(parse.statement());
          namedParses.add(parse);
          if (!inStatement.isEmpty()) {
            // A prepared SET takes effect whenever it is executed, which we do not follow.
            inStatement = List.of(new SessionCommand.Untrackable("a session command in a named prepared statement"));
          }
        }
        commands.addAll(inStatement);
      } else if (message instanceof Close close && close.target() == Target.STATEMENT) {
        named.remove(close.name());
      }
    }
    for (SessionCommand command : commands) {
      if (command instanceof SessionCommand.Deallocate deallocate) {
        named.remove(deallocate.statement());
      } else if (command == SessionCommand.DeallocateAll.INSTANCE || command == SessionCommand.DiscardAll.INSTANCE) {
        named.clear();
      }
    }
    return new BatchEffects(commands, namedParses);
  }

  /** A batch went out without a ReadyForQuery of its own: its effects complete with the next one's. */
  void carry(BatchEffects effects) {
    carried = carried.plus(effects);
  }

  BatchEffects withCarried(BatchEffects effects) {
    BatchEffects all = carried.plus(effects);
    carried = BatchEffects.NONE;
    return all;
  }

  /** The batch that prepared these succeeded. */
  void remember(List<Parse> parses) {
    for (Parse parse : parses) {
      named.put(parse.statement(), parse);
    }
  }
}
