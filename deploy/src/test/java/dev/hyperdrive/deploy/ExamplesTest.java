package dev.hyperdrive.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hyperdrive.config.ConfigNode;
import dev.hyperdrive.config.HostPort;
import dev.hyperdrive.edge.EdgeConfig;
import dev.hyperdrive.endpoint.EndpointConfig;
import dev.hyperdrive.endpoint.config.DatabaseConfig;
import dev.hyperdrive.placement.PlacementConfig;
import dev.hyperdrive.placement.PlacementConfigFile;
import dev.hyperdrive.placement.Site;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file in deploy/examples is read by the class that reads it in production, and the three files
 * describe one system: the edge relays to the endpoint, placement knows the endpoint's site, and every
 * database drivers may ask the edge for is one the endpoint pools. Examples that rot fail here.
 */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("examples");
    /** The variables the examples document; a new one must be added here (and explained in its file). */
    private static final Map<String, String> ENVIRONMENT =
            Map.of("ORIGIN_PASSWORD", "origin-secret", "EDGE_APP_PASSWORD", "edge-secret");

    /** Which class reads which example, by file name. */
    private static final Map<String, Function<ConfigNode, ?>> READERS = Map.of(
            "edge.yaml", EdgeConfig::from,
            "endpoint.yaml", EndpointConfig::from,
            "placement.yaml", PlacementConfigFile::from);

    @Test
    void everyExampleLoadsThroughItsConfigClass() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(EXAMPLES)) {
            files = listing.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml")).toList();
        }
        assertThat(files).extracting(file -> file.getFileName().toString())
                .as("every example has a reader in READERS").allMatch(READERS::containsKey)
                .containsExactlyInAnyOrderElementsOf(READERS.keySet());
        for (Path file : files) {
            assertThat(READERS.get(file.getFileName().toString()).apply(load(file))).as(file.toString()).isNotNull();
        }
    }

    @Test
    void theExamplesFitTogetherOnOneMachine() {
        EdgeConfig edge = EdgeConfig.from(load(EXAMPLES.resolve("edge.yaml")));
        EndpointConfig endpoint = EndpointConfig.from(load(EXAMPLES.resolve("endpoint.yaml")));
        PlacementConfig placement = PlacementConfigFile.from(load(EXAMPLES.resolve("placement.yaml")));

        assertThat(edge.endpoints()).extracting(EdgeConfig.Endpoint::name, EdgeConfig.Endpoint::address)
                .containsExactly(tuple(endpoint.site(), endpoint.listen()));
        assertThat(endpoint.databases()).extracting(DatabaseConfig::name)
                .containsAll(edge.databases().stream().map(EdgeConfig.Database::name).toList());
        assertThat(placement.sites()).extracting(Site::name, Site::address, Site::region)
                .contains(tuple(endpoint.site(), endpoint.listen().toString(), edge.endpoints().get(0).region().orElseThrow()));
        assertThat(edge.region()).isEqualTo(edge.endpoints().get(0).region());
        assertThat(HostPort.parse(placement.edgeAddress())).isEqualTo(edge.listen());
        assertThat(List.of(edge.listen().port(), endpoint.listen().port(), placement.listenPort()))
                .as("one machine: no two services on one port").doesNotHaveDuplicates();
    }

    @Test
    void secretsComeFromTheEnvironment() {
        EdgeConfig edge = EdgeConfig.from(load(EXAMPLES.resolve("edge.yaml")));
        EndpointConfig endpoint = EndpointConfig.from(load(EXAMPLES.resolve("endpoint.yaml")));

        assertThat(edge.databases()).extracting(EdgeConfig.Database::password).containsOnly("edge-secret");
        assertThat(endpoint.databases()).extracting(database -> database.origin().password()).containsOnly("origin-secret");
    }

    private static ConfigNode load(Path file) {
        return ConfigNode.load(file, ENVIRONMENT);
    }
}
