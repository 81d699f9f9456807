package dev.hyperdrive.edge.session;

import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.frontend.AuthResponseKind;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import java.util.Optional;

/** The password exchange of one handshake, answered entirely by the edge. */
interface LocalAuthentication {
  /** The first Authentication* request to send the driver. */
  BackendMessage begin();

  /** How to decode the driver's next 'p' message. */
  AuthResponseKind expectedResponse();

  /**
   * Consumes the driver's answer: the next request to send, or empty once the driver is authenticated.
   *
   * @throws SessionRefused with 28P01 when the password is wrong
   */
  Optional<BackendMessage> respond(FrontendMessage response) throws SessionRefused;
}
