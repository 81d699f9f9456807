package dev.hyperdrive.placement;

import java.util.regex.Pattern;

/**
 * The rule for database names. A name is what drivers put in their connection string, the key of
 * every config and catalog, and a file name in the registry, so it is kept to characters that need
 * no quoting in any of them; 63 is PostgreSQL's identifier limit.
 */
public final class DatabaseName {

  private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,62}");

  private DatabaseName() {}

  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  /** Why {@code name} is not valid, for error messages; call only when {@link #isValid} is false. */
  public static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "a database name is required";
    }
    if (name.length() > 63) {
      return "database name '" + name + "' is longer than 63 characters";
    }
    return "database name '" + name + "' must start with a letter or '_' and contain only letters, digits, '_' and '-'";
  }
}
