package dev.hyperdrive.cache;

/**
 * What a statement does to the session state a cache key depends on: its settings and its prepared
 * statements. {@link SessionCommands} reads them from SQL text; a tier applies them once the statement
 * has succeeded outside a transaction.
 */
public sealed interface SessionCommand {

  /**
   * {@code SET [SESSION] name TO value} and its special forms (TIME ZONE, NAMES, SCHEMA, ROLE, XML OPTION).
   *
   * @param name the setting, lower-cased ({@code timezone}, {@code client_encoding}, {@code search_path}, ...)
   * @param value the value as written, quotes and all (what a {@code SET} replaying it would say)
   * @param replay the statement minus its leading {@code SET}, e.g. {@code TIME ZONE 'UTC'}
   */
  record Set(String name, String value, String replay) implements SessionCommand {}

  /** {@code RESET name}, {@code SET name TO DEFAULT}: back to the session's start-up value. */
  record Reset(String name) implements SessionCommand {}

  /** {@code RESET ALL}. */
  enum ResetAll implements SessionCommand { INSTANCE }

  /** {@code DISCARD ALL}: settings reset and every prepared statement gone. */
  enum DiscardAll implements SessionCommand { INSTANCE }

  /** {@code DEALLOCATE [PREPARE] name}. */
  record Deallocate(String statement) implements SessionCommand {}

  /** {@code DEALLOCATE [PREPARE] ALL}. */
  enum DeallocateAll implements SessionCommand { INSTANCE }

  /**
   * Something that changes settings in a way we do not follow ({@code set_config()}, DO, CALL,
   * {@code SET SESSION AUTHORIZATION}, a SET we cannot read): the session's results can no longer be
   * keyed with confidence.
   *
   * @param reason what it was, for debug logs
   */
  record Untrackable(String reason) implements SessionCommand {}
}
