package dev.hyperdrive.endpoint.session;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Pairs the statements sent to the origin with the answers that decide their fate, in protocol order
 * (https://www.postgresql.org/docs/current/protocol-flow.html): each statement of a simple Query and each
 * Execute ends in CommandComplete (or EmptyQueryResponse, PortalSuspended, ErrorResponse); an error skips
 * the rest of its Query, or everything up to Sync; ReadyForQuery ends the unit. Completed statements feed
 * {@link SettingsTransaction}, which says which setting changes became permanent.
 *
 * <p>COPY FROM STDIN: PostgreSQL ignores Sync while it is in copy-in mode, so Syncs sent between the
 * COPY's Execute and its CopyDone/CopyFail owe no ReadyForQuery.
 */
final class ExecutionQueue {
  private sealed interface Entry permits Execution, UnitEnd {}

  private record Execution(SessionCommand command) implements Entry {}

  private record UnitEnd(boolean sync) implements Entry {}

  private final Deque<Entry> expected = new ArrayDeque<>();
  private final Map<String, SessionCommand> statements = new HashMap<>();
  private final Map<String, SessionCommand> portals = new HashMap<>();
  private final SettingsTransaction transaction = new SettingsTransaction();
  private boolean errorInUnit;
  private boolean copyIn;
  private boolean inconsistent;

  /** A simple Query with these statements was sent. */
  void query(StatementAnalysis analysis) {
    for (SessionCommand command : analysis.commands()) {
      expected.add(new Execution(command));
    }
    expected.add(new UnitEnd(false));
  }

  void parse(String statement, StatementAnalysis analysis) {
    statements.put(statement, analysis.single());
  }

  void bind(String portal, String statement) {
    portals.put(portal, statements.getOrDefault(statement, SessionCommand.Other.INSTANCE));
  }

  void execute(String portal) {
    expected.add(new Execution(portals.getOrDefault(portal, SessionCommand.Other.INSTANCE)));
  }

  /** A Sync (or FunctionCall) was sent: one ReadyForQuery is owed, unless the origin is in copy-in mode. */
  void sync() {
    if (!copyIn) {
      expected.add(new UnitEnd(true));
    }
  }

  void functionCall() {
    expected.add(new UnitEnd(false));
  }

  void copyEndSent() {
    copyIn = false;
  }

  /** CopyInResponse: the Syncs already sent after the COPY's Execute will be ignored by the origin. */
  void copyInStarted() {
    copyIn = true;
    Iterator<Entry> entries = expected.iterator();
    if (!entries.hasNext() || !(entries.next() instanceof Execution)) {
      return;
    }
    while (entries.hasNext()) {
      Entry entry = entries.next();
      if (entry instanceof Execution) {
        return;
      }
      if (((UnitEnd) entry).sync()) {
        entries.remove();
      }
    }
  }

  /** A statement completed; returns the setting changes that became permanent. */
  List<SettingChange> commandComplete(String tag) {
    if (!(expected.peek() instanceof Execution)) {
      return List.of(); // more completions than statements we counted: nothing to attribute
    }
    SessionCommand command = ((Execution) expected.poll()).command();
    if (!CommandTags.consistent(command, tag)) {
      inconsistent = true;
      return List.of();
    }
    return transaction.completed(command, tag);
  }

  /** EmptyQueryResponse or PortalSuspended: the statement ran to no effect (yet). */
  void nothingCompleted() {
    if (expected.peek() instanceof Execution) {
      expected.poll();
    }
  }

  void error() {
    errorInUnit = true;
    copyIn = false;
    while (expected.peek() instanceof Execution) {
      expected.poll();
    }
  }

  List<SettingChange> readyForQuery(boolean idle) {
    Entry entry;
    while ((entry = expected.poll()) != null && !(entry instanceof UnitEnd)) {
      // statements the origin skipped
    }
    boolean hadError = errorInUnit;
    errorInUnit = false;
    return transaction.readyForQuery(idle, hadError);
  }

  /**
   * True once an answer did not fit what was sent (our statement split differed from PostgreSQL's): the
   * connection's settings can no longer be trusted. Reading it clears it.
   */
  boolean takeInconsistency() {
    boolean was = inconsistent;
    inconsistent = false;
    return was;
  }

  /**
   * A new checkout starts with nothing owed. Portals die with their connection; the client's prepared
   * statements do not (the prepared-statement layer replays them on whichever connection runs them).
   */
  void reset() {
    expected.clear();
    portals.clear();
    transaction.clear();
    errorInUnit = false;
    copyIn = false;
  }
}
