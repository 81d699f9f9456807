package dev.hyperdrive.edge.session;

import dev.hyperdrive.edge.cache.SessionCache;
import dev.hyperdrive.edge.cancel.BackendKey;
import dev.hyperdrive.edge.relay.EndpointChannel;
import dev.hyperdrive.edge.statements.EdgeStatements;
import dev.hyperdrive.proto.relay.Parameter;
import dev.hyperdrive.proto.relay.SessionOpen;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;
import java.util.function.Supplier;

/**
 * Ends a completed handshake once the origin's parameters are known: registers the session's cancel
 * key, sends the driver the greeting, and sets up what the session relays with from then on.
 */
final class SessionGreeting {
  /** What a greeted session works with. */
  record Greeted(BackendKey backendKey, SessionRelay relay, SessionCache cache, BatchRouting routing) {}

  private SessionGreeting() {}

  static Greeted greet(ChannelHandlerContext ctx, SessionServices services, AcceptedStartup startup, String sessionId,
      List<Parameter> originParameters, ClientSession session) {
    BackendKey backendKey = services.cancelRegistry().register(session);
    HandshakeReplies.greet(ctx, originParameters, startup.sessionParameters(), backendKey);
    SessionOpen open = SessionOpens.of(startup, sessionId, services.config().site());
    Supplier<EndpointChannel> endpoint = () -> services.endpoints().choose(startup.database().endpoints());
    var statements = new EdgeStatements(services.statementMetadata().forDatabase(startup.database().name()));
    var relay = new SessionRelay(ctx, endpoint, open, statements, session);
    SessionCache cache = SessionCaches.create(services.cacheTier(), startup, originParameters, open, endpoint,
        ctx.channel().eventLoop());
    return new Greeted(backendKey, relay, cache, new BatchRouting(ctx, cache, statements, relay));
  }
}
