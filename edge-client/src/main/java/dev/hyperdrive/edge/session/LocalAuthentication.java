package dev.hyperdrive.edge.session;

import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.frontend.AuthResponseKind;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import java.util.Optional;

/** The password exchange of one handshake, answered entirely by the edge. */
interface LocalAuthentication {
  /** What to send after the driver's answer, and whether the driver is now authenticated. */
  record Step(Optional<BackendMessage> reply, boolean authenticated) {}

  /** The first Authentication* request to send the driver. */
  BackendMessage begin();

  /** How to decode the driver's next 'p' message. */
  AuthResponseKind expectedResponse();

  /**
   * Consumes the driver's answer.
   *
   * @throws SessionRefused with 28P01 when the password is wrong, 28000 when the exchange is malformed
   */
  Step respond(FrontendMessage response) throws SessionRefused;
}
