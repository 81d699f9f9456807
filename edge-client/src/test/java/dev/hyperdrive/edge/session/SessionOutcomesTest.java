package dev.hyperdrive.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.edge.session.SessionOutcomes.Outcome;
import dev.hyperdrive.wire.SqlState;
import dev.hyperdrive.wire.backend.ErrorResponse;
import org.junit.jupiter.api.Test;

class SessionOutcomesTest {
  @Test
  void aRefusalIsNamedByItsSqlStateAndWhetherTheDriverWasGreeted() {
    assertThat(Outcome.ofRefusal(ErrorResponse.fatal(SqlState.INVALID_PASSWORD, "password"), false))
        .isEqualTo(Outcome.AUTH_FAILED);
    assertThat(Outcome.ofRefusal(SessionErrors.unknownRole("u"), false)).isEqualTo(Outcome.AUTH_FAILED);
    assertThat(Outcome.ofRefusal(SessionErrors.unknownDatabase("nope"), false)).isEqualTo(Outcome.REFUSED);
    assertThat(Outcome.ofRefusal(SessionErrors.protocolViolation("garbage"), false)).isEqualTo(Outcome.REFUSED);
    assertThat(Outcome.ofRefusal(SessionErrors.protocolViolation("garbage"), true)).isEqualTo(Outcome.ERROR);
    assertThat(Outcome.ofRefusal(SessionErrors.endpointLost("london-1", "reset", true), true))
        .isEqualTo(Outcome.RELAY_LOST);
    assertThat(Outcome.ofRefusal(SessionErrors.adminShutdown(), true)).isEqualTo(Outcome.SHUTDOWN);
    assertThat(Outcome.ofRefusal(SessionErrors.adminShutdown(), false)).isEqualTo(Outcome.SHUTDOWN);
  }

  @Test
  void eachOutcomeIsCountedApart() {
    SessionOutcomes outcomes = new SessionOutcomes();
    outcomes.record(Outcome.TERMINATED);
    outcomes.record(Outcome.TERMINATED);
    outcomes.record(Outcome.ABANDONED);
    assertThat(outcomes.count(Outcome.TERMINATED)).isEqualTo(2);
    assertThat(outcomes.count(Outcome.ABANDONED)).isEqualTo(1);
    assertThat(outcomes.count(Outcome.AUTH_FAILED)).isZero();
  }
}
