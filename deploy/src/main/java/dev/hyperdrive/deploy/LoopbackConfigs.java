package dev.hyperdrive.deploy;

/**
 * The endpoint.yaml and edge.yaml of a one-machine setup (origin, endpoint and edge on loopback), as text a
 * user would write: the demo reads them through the production config classes, and tests that run the
 * services as separate processes write them to files. Passwords are never in the text; they come from
 * the variables {@value #ORIGIN_PASSWORD_VARIABLE} and {@value #EDGE_PASSWORD_VARIABLE}.
 */
public final class LoopbackConfigs {

    public static final String ORIGIN_PASSWORD_VARIABLE = "ORIGIN_PASSWORD";
    public static final String EDGE_PASSWORD_VARIABLE = "EDGE_PASSWORD";

    private LoopbackConfigs() {
    }

    /** Where the endpoint's origin is and how it logs in (the password comes from the environment). */
    public record Origin(String host, int port, String user, String database) {
    }

    /** An endpoint site on 127.0.0.1:{@code listenPort} (0 = any free port) pooling {@code database}. */
    public static String endpointYaml(String site, int listenPort, String database, Origin origin, int poolSize) {
        return """
                site: %s
                listen: 127.0.0.1:%d
                databases:
                  - name: %s
                    origin:
                      host: %s
                      port: %d
                      user: %s
                      password: ${%s}
                      database: %s
                      sslmode: disable
                    pool:
                      default_pool_size: %d
                """.formatted(site, listenPort, database, origin.host(), origin.port(), origin.user(),
                ORIGIN_PASSWORD_VARIABLE, origin.database(), poolSize);
    }

    /**
     * An edge on 127.0.0.1:{@code listenPort} relaying {@code database} to the endpoint {@code endpointSite}
     * on 127.0.0.1:{@code endpointPort}; drivers log in as {@code user} with SCRAM-SHA-256.
     */
    public static String edgeYaml(String site, int listenPort, String endpointSite, int endpointPort, String database,
            String user) {
        return """
                site: %s
                listen: 127.0.0.1:%d
                endpoints:
                  - name: %s
                    address: 127.0.0.1:%d
                databases:
                  - name: %s
                    user: %s
                    password: ${%s}
                    auth_method: scram-sha-256
                """.formatted(site, listenPort, endpointSite, endpointPort, database, user, EDGE_PASSWORD_VARIABLE);
    }
}
