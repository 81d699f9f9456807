package dev.hyperdrive.endpoint.prepared;

import java.util.Objects;

/** One entry of the {@link ResponseQueue}: the answer due to one message sent to the origin. */
final class ExpectedResponse {
  final ResponseKind kind;
  final ResponseHandling handling;
  final ResponseOutcome outcome;
  private boolean failed;

  ExpectedResponse(ResponseKind kind, ResponseHandling handling, ResponseOutcome outcome) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.handling = Objects.requireNonNull(handling, "handling");
    this.outcome = Objects.requireNonNull(outcome, "outcome");
  }

  static ExpectedResponse forwarded(ResponseKind kind) {
    return new ExpectedResponse(kind, ResponseHandling.FORWARD, ResponseOutcome.NONE);
  }

  boolean failed() {
    return failed;
  }

  void markFailed() {
    failed = true;
  }

  @Override
  public String toString() {
    return kind + "/" + handling.getClass().getSimpleName() + (failed ? " (failed)" : "");
  }
}
