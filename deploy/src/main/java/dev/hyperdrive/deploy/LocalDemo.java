package dev.hyperdrive.deploy;

import dev.hyperdrive.config.ConfigNode;
import dev.hyperdrive.edge.EdgeConfig;
import dev.hyperdrive.edge.EdgeServer;
import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.EndpointConfig;
import dev.hyperdrive.endpoint.EndpointServer;
import java.security.SecureRandom;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine, in one JVM: an embedded PostgreSQL origin, one origin endpoint in
 * front of it and one edge client in front of that, all on loopback. The endpoint and the edge are
 * configured from YAML text read by {@link EndpointConfig} and {@link EdgeConfig}, exactly as the files an
 * operator writes, so the demo runs the production wiring. The origin's credentials stay with the
 * endpoint; drivers log in to the edge with credentials the edge issues (user {@value #EDGE_USER} and a
 * random password).
 */
final class LocalDemo implements AutoCloseable {

    static final String EDGE_USER = "demo";
    static final String ENDPOINT_SITE = "demo-endpoint";
    static final String EDGE_SITE = "demo-edge";

    private static final Logger log = LoggerFactory.getLogger(LocalDemo.class);
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int PASSWORD_LENGTH = 24;

    private final EmbeddedOrigin origin;
    private final EndpointServer endpoint;
    private final EdgeServer edge;
    private final String edgePassword;

    private LocalDemo(EmbeddedOrigin origin, EndpointServer endpoint, EdgeServer edge, String edgePassword) {
        this.origin = origin;
        this.endpoint = endpoint;
        this.edge = edge;
        this.edgePassword = edgePassword;
    }

    /** Starts origin, endpoint and edge (listening on {@code edgePort}, 0 = any free port) in that order. */
    static LocalDemo start(int poolSize, int edgePort) {
        EmbeddedOrigin origin = EmbeddedOrigin.start();
        EndpointServer endpoint = null;
        try {
            endpoint = EndpointServer.start(endpointConfig(origin, poolSize));
            String edgePassword = randomPassword();
            EdgeServer edge = EdgeServer.start(edgeConfig(origin.database(), edgePort, endpoint.port(), edgePassword));
            log.info("demo running: driver -> edge 127.0.0.1:{} -> endpoint 127.0.0.1:{} (pool of {}) -> PostgreSQL {}:{}",
                    edge.port(), endpoint.port(), poolSize, origin.host(), origin.port());
            return new LocalDemo(origin, endpoint, edge, edgePassword);
        } catch (RuntimeException e) {
            closeInOrder(null, endpoint, origin);
            throw e;
        }
    }

    /** Where drivers connect: the edge, with the credentials it issued. */
    String edgeUrl() {
        return "postgres://" + EDGE_USER + ":" + edgePassword + "@127.0.0.1:" + edge.port() + "/" + origin.database();
    }

    /** The origin itself, bypassing edge and endpoint (for comparisons). */
    String originUrl() {
        return origin.url();
    }

    /** Edge first so sessions drain through a live endpoint, then the endpoint's pool, then the database. */
    @Override
    public void close() {
        closeInOrder(edge, endpoint, origin);
    }

    private static void closeInOrder(EdgeServer edge, EndpointServer endpoint, EmbeddedOrigin origin) {
        try {
            if (edge != null) {
                edge.close();
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

    private static EndpointConfig endpointConfig(EmbeddedOrigin origin, int poolSize) {
        String yaml = LoopbackConfigs.endpointYaml(ENDPOINT_SITE, 0, origin.database(),
                new LoopbackConfigs.Origin(origin.host(), origin.port(), origin.user(), origin.database()), poolSize);
        return EndpointConfig.from(ConfigNode.parse(yaml, "demo endpoint.yaml",
                Map.of(LoopbackConfigs.ORIGIN_PASSWORD_VARIABLE, origin.password())));
    }

    private static EdgeConfig edgeConfig(String database, int edgePort, int endpointPort, String password) {
        String yaml = LoopbackConfigs.edgeYaml(EDGE_SITE, edgePort, ENDPOINT_SITE, endpointPort, database, EDGE_USER);
        return EdgeConfig.from(ConfigNode.parse(yaml, "demo edge.yaml", Map.of(LoopbackConfigs.EDGE_PASSWORD_VARIABLE, password)));
    }

    /** Letters and digits only (no look-alikes), so the URL needs no escaping and reads back unambiguously. */
    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
