package dev.hyperdrive.deploy;

/**
 * The endpoint.yaml, placement.yaml and edge.yaml of a one-machine setup (all on loopback), as text a
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
     * Like {@link #endpointYaml(String, int, String, Origin, int)}, and also serving every database placement at
     * 127.0.0.1:{@code placementPort} lists (its EndpointDirectory), such as those created with {@code hyperdrive create}.
     */
    public static String endpointWithPlacementYaml(String site, int listenPort, String database, Origin origin,
            int poolSize, int placementPort) {
        return "placement: 127.0.0.1:%d\n".formatted(placementPort)
                + endpointYaml(site, listenPort, database, origin, poolSize);
    }

    /**
     * A placement service on 127.0.0.1:{@code listenPort} (0 = any free port) keeping its registry in
     * {@code dataDir}, issuing connection strings for the edge at {@code edgeAddress}, with one endpoint site.
     */
    public static String placementYaml(int listenPort, String dataDir, String edgeAddress, String site, String region,
            int endpointPort) {
        return """
                listen: 127.0.0.1:%d
                data_dir: "%s"
                edge_address: %s
                sites:
                  - name: %s
                    region: %s
                    address: 127.0.0.1:%d
                """.formatted(listenPort, dataDir.replace("\\", "\\\\").replace("\"", "\\\""), edgeAddress, site, region,
                endpointPort);
    }

    /**
     * An edge in {@code region} on 127.0.0.1:{@code listenPort} that learns its databases (and the credentials
     * drivers use) from placement at 127.0.0.1:{@code placementPort}, relaying to the endpoint {@code endpointSite}.
     */
    public static String edgeWithPlacementYaml(String site, String region, int listenPort, int placementPort,
            String endpointSite, int endpointPort) {
        return """
                site: %s
                region: %s
                listen: 127.0.0.1:%d
                placement: 127.0.0.1:%d
                endpoints:
                  - name: %s
                    address: 127.0.0.1:%d
                    region: %s
                """.formatted(site, region, listenPort, placementPort, endpointSite, endpointPort, region);
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
