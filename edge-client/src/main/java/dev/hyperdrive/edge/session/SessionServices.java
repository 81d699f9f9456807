package dev.hyperdrive.edge.session;

import dev.hyperdrive.edge.EdgeConfig;
import dev.hyperdrive.edge.cache.EdgeCacheTier;
import dev.hyperdrive.edge.cancel.CancelForwarder;
import dev.hyperdrive.edge.cancel.CancelRegistry;
import dev.hyperdrive.edge.relay.EndpointChannels;
import dev.hyperdrive.edge.relay.OriginParameters;
import dev.hyperdrive.edge.routing.EdgeDatabases;
import dev.hyperdrive.edge.statements.StatementMetadataCaches;
import io.netty.handler.ssl.SslContext;
import java.util.Optional;

/**
 * What every client session of one edge shares. {@code databases} is what drivers may connect to now
 * (the file's and placement's); {@code config.databases()} alone is only the file's.
 */
public record SessionServices(EdgeConfig config, EndpointChannels endpoints, OriginParameters originParameters,
    CancelRegistry cancelRegistry, CancelForwarder cancelForwarder, EdgeAuthentication authentication,
    Optional<SslContext> tls, LiveSessions liveSessions, EdgeDatabases databases, EdgeCacheTier cacheTier,
    StatementMetadataCaches statementMetadata) {}
