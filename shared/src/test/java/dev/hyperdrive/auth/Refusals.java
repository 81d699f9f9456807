package dev.hyperdrive.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that an authentication step refuses with a given SQLSTATE and message. */
final class Refusals {
  private Refusals() {}

  static AuthenticationException assertRefused(ThrowingCallable step, String sqlState, String messagePart) {
    AuthenticationException[] caught = new AuthenticationException[1];
    assertThatExceptionOfType(AuthenticationException.class).isThrownBy(step).satisfies(e -> {
      assertThat(e.sqlState()).isEqualTo(sqlState);
      assertThat(e.getMessage()).contains(messagePart);
      caught[0] = e;
    });
    return caught[0];
  }
}
