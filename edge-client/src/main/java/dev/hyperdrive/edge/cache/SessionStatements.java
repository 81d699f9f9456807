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
 * The prepared statements of one session that the driver saw succeed — named ones and the unnamed one —
 * so a later Bind of one can be keyed on its query text, and the effects of batches relayed without a
 * ReadyForQuery of their own, carried to the next batch that has one.
 *
 * <p>A statement is remembered only once the batch that prepared it succeeded (at the origin, or answered
 * at the edge), and forgotten as soon as a batch closes, deallocates or re-prepares it, or (the unnamed
 * one) a simple Query replaces it: when in doubt, a Bind is not answered from the cache.
 */
final class SessionStatements {
  /** By statement name; "" is the unnamed statement. */
  private final Map<String, Parse> prepared = new HashMap<>();
  private BatchEffects carried = BatchEffects.NONE;

  Optional<Parse> prepared(String statement) {
    return Optional.ofNullable(prepared.get(statement));
  }

  /** Reads a batch's state-changing messages; forgets at once what they may replace or remove. */
  BatchEffects effectsOf(List<FrontendMessage> stateChanging, boolean standardConformingStrings) {
    List<SessionCommand> commands = new ArrayList<>();
    List<Parse> parses = new ArrayList<>();
    for (FrontendMessage message : stateChanging) {
      if (message instanceof Query query) {
        forget("", parses); // a simple Query replaces the unnamed statement
        commands.addAll(SessionCommands.of(query.sql(), standardConformingStrings));
      } else if (message instanceof Parse parse) {
        List<SessionCommand> inStatement = SessionCommands.of(parse.query(), standardConformingStrings);
        forget(parse.statement(), parses);
        parses.add(parse);
        if (!parse.statement().isEmpty() && !inStatement.isEmpty()) {
          // A prepared SET takes effect whenever it is executed, which we do not follow.
          inStatement = List.of(new SessionCommand.Untrackable("a session command in a named prepared statement"));
        }
        commands.addAll(inStatement);
      } else if (message instanceof Close close && close.target() == Target.STATEMENT) {
        forget(close.name(), parses);
      }
    }
    for (SessionCommand command : commands) {
      if (command instanceof SessionCommand.Deallocate deallocate) {
        forget(deallocate.statement(), parses);
      } else if (command == SessionCommand.DeallocateAll.INSTANCE || command == SessionCommand.DiscardAll.INSTANCE) {
        prepared.clear();
        parses.removeIf(parse -> !parse.statement().isEmpty());
        carried = carried.withoutStatements(name -> !name.isEmpty());
      }
    }
    return new BatchEffects(commands, parses);
  }

  /**
   * The statement is replaced or removed: forget it, and drop its earlier Parse from the effects still to
   * be applied, or a success reported later would bring it back.
   */
  private void forget(String statement, List<Parse> parsesSoFar) {
    prepared.remove(statement);
    parsesSoFar.removeIf(parse -> parse.statement().equals(statement));
    carried = carried.withoutStatements(statement::equals);
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
      prepared.put(parse.statement(), parse);
    }
  }
}
