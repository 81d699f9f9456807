package dev.hyperdrive.edge.cancel;

import dev.hyperdrive.edge.relay.EndpointChannel;
import java.util.Optional;

/** A live client session as a CancelRequest sees it: which session, and which endpoint serves it now. */
public interface CancelTarget {
  String database();

  String sessionId();

  /** The endpoint holding the session's stream, or empty while nothing was relayed (nothing to cancel). */
  Optional<EndpointChannel> servingEndpoint();
}
