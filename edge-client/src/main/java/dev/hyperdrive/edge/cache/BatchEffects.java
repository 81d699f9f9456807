package dev.hyperdrive.edge.cache;

import dev.hyperdrive.cache.SessionCommand;
import dev.hyperdrive.wire.frontend.Parse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a relayed batch may do to the session state cache keys depend on, to be applied once its answer
 * shows it succeeded: the session commands in its SQL and the statements (named or unnamed) it prepares.
 */
record BatchEffects(List<SessionCommand> commands, List<Parse> parses) {
  static final BatchEffects NONE = new BatchEffects(List.of(), List.of());

  BatchEffects {
    commands = List.copyOf(commands);
    parses = List.copyOf(parses);
  }

  /** Only the statements, for a batch whose SQL the origin did not run (the edge answered its Parses). */
  BatchEffects parsesOnly() {
    return parses.isEmpty() ? NONE : new BatchEffects(List.of(), parses);
  }

  /** These effects without the Parses of statements {@code removed} accepts. */
  BatchEffects withoutStatements(Predicate<String> removed) {
    if (parses.stream().noneMatch(parse -> removed.test(parse.statement()))) {
      return this;
    }
    List<Parse> kept = new ArrayList<>(parses);
    kept.removeIf(parse -> removed.test(parse.statement()));
    return new BatchEffects(commands, kept);
  }

  BatchEffects plus(BatchEffects later) {
    if (this == NONE) {
      return later;
    }
    List<SessionCommand> allCommands = new ArrayList<>(commands);
    allCommands.addAll(later.commands);
    List<Parse> allParses = new ArrayList<>(parses);
    allParses.addAll(later.parses);
    return new BatchEffects(allCommands, allParses);
  }
}
