package dev.hyperdrive.cache;

/**
 * How far a function's result may change for the same arguments, as {@code pg_proc.provolatile}
 * records it, plus {@link #UNKNOWN} for a function whose catalog row we do not have.
 * Declared from least to most volatile so that {@link #mostVolatile} can compare ordinals.
 */
public enum Volatility {
  /** Same arguments, same result, forever ({@code 'i'}). */
  IMMUTABLE,
  /** Same result within one statement; may depend on settings or the clock ({@code 's'}). */
  STABLE,
  /** May change on every call or have side effects ({@code 'v'}). */
  VOLATILE,
  /** Not in the catalog we loaded (or the catalog is not loaded yet): must be treated as volatile. */
  UNKNOWN;

  /** Maps {@code pg_proc.provolatile}. */
  public static Volatility fromProvolatile(char code) {
    switch (code) {
      case 'i':
        return IMMUTABLE;
      case 's':
        return STABLE;
      case 'v':
        return VOLATILE;
      default:
        throw new IllegalArgumentException("unknown provolatile code: '" + code + "'");
    }
  }

  /** The {@code pg_proc.provolatile} code; UNKNOWN has none. */
  public char provolatile() {
    switch (this) {
      case IMMUTABLE:
        return 'i';
      case STABLE:
        return 's';
      case VOLATILE:
        return 'v';
      default:
        throw new IllegalStateException("an unknown volatility has no provolatile code");
    }
  }

  /** The more volatile of the two; UNKNOWN wins over everything because it may be anything. */
  public static Volatility mostVolatile(Volatility a, Volatility b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  /** Only immutable functions let a query's result be cached. */
  public boolean cacheable() {
    return this == IMMUTABLE;
  }
}
