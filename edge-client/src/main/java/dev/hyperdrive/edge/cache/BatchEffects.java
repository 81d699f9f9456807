package dev.hyperdrive.edge.cache;

import dev.hyperdrive.cache.SessionCommand;
import dev.hyperdrive.wire.frontend.Parse;
import java.util.ArrayList;
import java.util.List;

/**
 * What a relayed batch may do to the session state cache keys depend on, to be applied once its answer
 * shows it succeeded: the session commands in its SQL and the named statements it prepares.
 */
record BatchEffects(List<SessionCommand> commands, List<Parse> namedParses) {
  static final BatchEffects NONE = new BatchEffects(List.of(), List.of());

  BatchEffects {
    commands = List.copyOf(commands);
    namedParses = List.copyOf(namedParses);
  }

  boolean createsNamedStatement() {
    return !namedParses.isEmpty();
  }

  BatchEffects plus(BatchEffects later) {
    if (this == NONE) {
      return later;
    }
    List<SessionCommand> allCommands = new ArrayList<>(commands);
    allCommands.addAll(later.commands);
    List<Parse> allParses = new ArrayList<>(namedParses);
    allParses.addAll(later.namedParses);
    return new BatchEffects(allCommands, allParses);
  }
}
