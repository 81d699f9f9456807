package dev.hyperdrive.deploy;

import dev.hyperdrive.config.ConfigNode;
import dev.hyperdrive.placement.PlacementConfigFile;
import dev.hyperdrive.placement.PlacementServer;
import dev.hyperdrive.placement.cli.OriginConnectionString;
import dev.hyperdrive.proto.placement.CreateDatabaseReply;
import dev.hyperdrive.proto.placement.CreateDatabaseRequest;
import dev.hyperdrive.proto.placement.EdgeCredentials;
import dev.hyperdrive.proto.placement.PlacementControlGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's placement service: a real {@link PlacementServer} read from placement.yaml text, with its registry
 * in a temporary directory that {@link #close()} deletes, and the way the demo registers its database (the
 * control-plane call {@code hyperdrive create} makes).
 */
final class DemoPlacement implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoPlacement.class);
    private static final long CREATE_TIMEOUT_SECONDS = 60;

    private final PlacementServer server;
    private final Path dataDir;

    private DemoPlacement(PlacementServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    /**
     * Placement on loopback port {@code listenPort} (0 = any free one), measuring the one endpoint site, issuing
     * URLs for {@code edgeAddress}.
     */
    static DemoPlacement start(int listenPort, String edgeAddress, String site, String region, int endpointPort) {
        Path dataDir = createDataDir();
        try {
            String yaml = LoopbackConfigs.placementYaml(listenPort, dataDir.toString(), edgeAddress, site, region, endpointPort);
            PlacementServer server = PlacementServer.start(
                    PlacementConfigFile.from(ConfigNode.parse(yaml, "demo placement.yaml", Map.of())));
            return new DemoPlacement(server, dataDir);
        } catch (RuntimeException e) {
            deleteRecursively(dataDir);
            throw e;
        }
    }

    int port() {
        return server.port();
    }

    /**
     * Registers {@code name} with the origin at {@code originUrl} through placement's control API: placement
     * validates it from the endpoint site, saves it and issues the credentials drivers use at the edge.
     */
    EdgeCredentials create(String name, String originUrl) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port()).usePlaintext().build();
        try {
            CreateDatabaseReply reply = PlacementControlGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(CREATE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .createDatabase(CreateDatabaseRequest.newBuilder()
                            .setName(name)
                            .setOrigin(OriginConnectionString.parse(originUrl))
                            .build());
            log.info("database {} created through placement, validated from site {} in {} ms", name,
                    reply.getValidatedFromSite(), reply.getValidationSetupMicros() / 1000);
            return reply.getDatabase().getEdgeCredentials();
        } finally {
            channel.shutdownNow();
        }
    }

    /** Stops the service, then deletes its registry (the demo keeps nothing between runs). */
    @Override
    public void close() {
        try {
            server.close();
            log.info("placement stopped");
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("hyperdrive-demo-placement-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo placement's data directory", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("could not delete the demo placement's data directory {}: {}", dir, e.toString());
        }
    }
}
