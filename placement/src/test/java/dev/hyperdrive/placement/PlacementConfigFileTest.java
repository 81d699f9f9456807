package dev.hyperdrive.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.config.ConfigException;
import dev.hyperdrive.config.ConfigNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementConfigFileTest {

  @Test
  void readsEveryKey() {
    PlacementConfig config = parse(String.join("\n",
        "listen: 127.0.0.1:7300",
        "data_dir: /var/lib/placement",
        "edge_address: edge.local:6432",
        "sites:",
        "  - name: london-1",
        "    region: eu-west",
        "    address: 10.0.0.2:7100",
        "  - name: tokyo-1",
        "    region: ap",
        "    address: '[fd00::3]:7100'",
        "placement:",
        "  samples: 7",
        "  interval: 1h",
        "  connect_timeout: 3s"));

    assertThat(config).isEqualTo(new PlacementConfig("127.0.0.1", 7300, Path.of("/var/lib/placement"),
        "edge.local:6432",
        List.of(new Site("london-1", "eu-west", "10.0.0.2:7100"), new Site("tokyo-1", "ap", "[fd00::3]:7100")),
        new PlacementSettings(7, Duration.ofHours(1), Duration.ofSeconds(3))));
  }

  @Test
  void theShippedExampleIsValid() {
    PlacementConfig example = PlacementConfigFile.load(Path.of("../deploy/examples/placement.yaml"));

    assertThat(example.sites()).extracting(Site::name).containsExactly("local-1");
  }

  @Test
  void fillsTheDefaults() {
    PlacementConfig config = parse("data_dir: d\nsites:\n  - {name: a, region: r, address: 'h:1'}\n");

    assertThat(config.listenHost()).isEqualTo("0.0.0.0");
    assertThat(config.listenPort()).isEqualTo(7200);
    assertThat(config.edgeAddress()).isEqualTo("localhost:6432");
    assertThat(config.placement()).isEqualTo(PlacementSettings.defaults());
  }

  @Test
  void mistakesNameTheLineAndKey() {
    assertError("data_dir: d\nsites: []\n", "placement.yaml:2: sites: at least one endpoint site is required");
    assertError("data_dir: d\nsites:\n  - {name: a, region: r, address: 'h:1'}\n  - {name: a, region: r, address: 'h:2'}\n",
        "placement.yaml:4: sites[1].name: site 'a' is listed twice");
    assertError("data_dir: d\nsites:\n  - {name: a, region: r, adress: 'h:1'}\n", "did you mean address?");
    assertError("data_dir: d\nsites:\n  - {name: a, region: r, address: 'h:1'}\nplacement:\n  samples: 0\n",
        "placement.yaml:5: placement.samples: must be between 1 and 50");
    assertError("data_dir: d\nsites:\n  - {name: a, region: r, address: 'h:1'}\nplacement:\n  interval: 0s\n",
        "placement.yaml:5: placement.interval: must be longer than zero");
    assertError("sites:\n  - {name: a, region: r, address: 'h:1'}\n", "data_dir: required key is missing");
  }

  private static void assertError(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
  }

  private static PlacementConfig parse(String yaml) {
    return PlacementConfigFile.from(ConfigNode.parse(yaml, "placement.yaml", Map.of()));
  }
}
