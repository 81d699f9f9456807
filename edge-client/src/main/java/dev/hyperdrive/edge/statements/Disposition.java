package dev.hyperdrive.edge.statements;

/** What happens to one backend message on its way to the driver. */
enum Disposition {
  PASS(true, false),
  SWALLOW(false, false),
  CAPTURE_AND_PASS(true, true),
  CAPTURE_AND_SWALLOW(false, true);

  private final boolean passes;
  private final boolean captures;

  Disposition(boolean passes, boolean captures) {
    this.passes = passes;
    this.captures = captures;
  }

  boolean passes() {
    return passes;
  }

  boolean captures() {
    return captures;
  }

  static Disposition of(boolean pass, boolean capture) {
    if (capture) {
      return pass ? CAPTURE_AND_PASS : CAPTURE_AND_SWALLOW;
    }
    return pass ? PASS : SWALLOW;
  }
}
