package dev.hyperdrive.deploy;

import dev.hyperdrive.config.ConfigNode;
import dev.hyperdrive.edge.EdgeConfig;
import dev.hyperdrive.edge.EdgeServer;
import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.EndpointConfig;
import dev.hyperdrive.endpoint.EndpointServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine, in one JVM: an embedded PostgreSQL origin, one origin endpoint (site
 * {@value #ENDPOINT_SITE}, also serving placement's Probe), the placement service and one edge client that
 * learns its databases from placement, all on loopback. Each service is configured from YAML text read by its
 * production config class, exactly as the files an operator writes, and the demo database is registered
 * through placement's control API as {@code hyperdrive create} does it. The origin's credentials stay with
 * placement and the endpoint; drivers log in to the edge with the credentials placement issued.
 */
final class LocalDemo implements AutoCloseable {

    static final String ENDPOINT_SITE = "local-1";
    static final String REGION = "local";
    static final String EDGE_SITE = "demo-edge";

    private static final Logger log = LoggerFactory.getLogger(LocalDemo.class);

    private final EmbeddedOrigin origin;
    private final EndpointServer endpoint;
    private final DemoPlacement placement;
    private final EdgeServer edge;
    private final String edgeUrl;

    private LocalDemo(EmbeddedOrigin origin, EndpointServer endpoint, DemoPlacement placement, EdgeServer edge,
            String edgeUrl) {
        this.origin = origin;
        this.endpoint = endpoint;
        this.placement = placement;
        this.edge = edge;
        this.edgeUrl = edgeUrl;
    }

    /**
     * Starts origin, endpoint, placement (registering the demo database) and edge, listening on {@code edgePort}
     * (0 = any free port), in that order.
     */
    static LocalDemo start(int poolSize, int edgePort) {
        EmbeddedOrigin origin = EmbeddedOrigin.start();
        EndpointServer endpoint = null;
        DemoPlacement placement = null;
        try {
            // The endpoint polls placement, which starts after it (placement needs the endpoint's port): fix its
            // port first. Placement writes the edge's address into the connection strings it issues: fix that too.
            int placementPort = freeLoopbackPort();
            endpoint = EndpointServer.start(endpointConfig(origin, poolSize, placementPort));
            int port = edgePort != 0 ? edgePort : freeLoopbackPort();
            placement = DemoPlacement.start(placementPort, "127.0.0.1:" + port, ENDPOINT_SITE, REGION, endpoint.port());
            String edgeUrl = placement.create(origin.database(), origin.url()).getConnectionString();
            EdgeServer edge = EdgeServer.start(edgeConfig(port, placement.port(), endpoint.port()));
            log.info("demo running: driver -> edge 127.0.0.1:{} -> endpoint 127.0.0.1:{} (pool of {}) -> PostgreSQL {}:{};"
                    + " placement 127.0.0.1:{}", edge.port(), endpoint.port(), poolSize, origin.host(), origin.port(),
                    placement.port());
            return new LocalDemo(origin, endpoint, placement, edge, edgeUrl);
        } catch (RuntimeException e) {
            closeInOrder(null, placement, endpoint, origin);
            throw e;
        }
    }

    /** Where drivers connect: the edge, with the credentials placement issued for the demo database. */
    String edgeUrl() {
        return edgeUrl;
    }

    /** The origin itself, bypassing edge and endpoint (for comparisons). */
    String originUrl() {
        return origin.url();
    }

    /** The placement service's gRPC address, for {@code hyperdrive create/list/placement show --placement}. */
    String placementAddress() {
        return "127.0.0.1:" + placement.port();
    }

    /** Edge first so sessions drain through a live endpoint, then placement, the endpoint's pool, the database. */
    @Override
    public void close() {
        closeInOrder(edge, placement, endpoint, origin);
    }

    private static void closeInOrder(EdgeServer edge, DemoPlacement placement, EndpointServer endpoint,
            EmbeddedOrigin origin) {
        try {
            if (edge != null) {
                edge.close();
            }
        } finally {
            try {
                if (placement != null) {
                    placement.close();
                }
            } finally {
                try {
                    if (endpoint != null) {
                        endpoint.close();
                    }
                } finally {
                    origin.close();
                }
            }
        }
    }

    private static EndpointConfig endpointConfig(EmbeddedOrigin origin, int poolSize, int placementPort) {
        String yaml = LoopbackConfigs.endpointWithPlacementYaml(ENDPOINT_SITE, 0, origin.database(),
                new LoopbackConfigs.Origin(origin.host(), origin.port(), origin.user(), origin.database()), poolSize,
                placementPort);
        return EndpointConfig.from(ConfigNode.parse(yaml, "demo endpoint.yaml",
                Map.of(LoopbackConfigs.ORIGIN_PASSWORD_VARIABLE, origin.password())));
    }

    private static EdgeConfig edgeConfig(int edgePort, int placementPort, int endpointPort) {
        String yaml = LoopbackConfigs.edgeWithPlacementYaml(EDGE_SITE, REGION, edgePort, placementPort, ENDPOINT_SITE,
                endpointPort);
        return EdgeConfig.from(ConfigNode.parse(yaml, "demo edge.yaml", Map.of()));
    }

    /** A port free right now, bound a moment later by the edge or placement (others need it before they start). */
    private static int freeLoopbackPort() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }
}
