package dev.hyperdrive.endpoint.session;

import java.util.regex.Pattern;

/** Writes values and names into SQL the endpoint sends itself, safely quoted. */
final class SqlLiterals {
  private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_$]*(\\.[a-z_][a-z0-9_$]*)?");

  private SqlLiterals() {}

  /** A string constant meaning exactly {@code value}, whatever standard_conforming_strings says. */
  static String quote(String value) {
    String doubled = value.replace("'", "''");
    return value.indexOf('\\') >= 0 ? "E'" + doubled.replace("\\", "\\\\") + "'" : "'" + doubled + "'";
  }

  /** A setting name as it can follow RESET. */
  static String name(String name) {
    return PLAIN_NAME.matcher(name).matches() ? name : '"' + name.replace("\"", "\"\"") + '"';
  }

  /**
   * Gives a setting a raw string value exactly as the startup packet would: SET would quote each element
   * of a list setting such as search_path, set_config does not.
   */
  static String setConfig(String name, String value) {
    return "SELECT pg_catalog.set_config(" + quote(name) + ", " + quote(value) + ", false)";
  }
}
