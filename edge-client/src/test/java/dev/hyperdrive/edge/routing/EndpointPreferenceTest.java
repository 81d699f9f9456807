package dev.hyperdrive.edge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.config.HostPort;
import dev.hyperdrive.edge.EdgeConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointPreferenceTest {
  private static final List<EdgeConfig.Endpoint> ENDPOINTS = List.of(
      endpoint("us-1", "us"), endpoint("us-2", "us"), endpoint("us-3", "us"),
      endpoint("eu-1", "eu"), endpoint("eu-2", "eu"));

  @Test
  void aRankingIsFollowedBestFirstLeavingOutSitesThisEdgeDoesNotKnow() {
    EndpointPreference preference = preference(Optional.of("us"));
    assertThat(preference.forDatabase("appdb", List.of("eu-2", "tokyo-1", "us-3", "eu-2")))
        .containsExactly("eu-2", "us-3");
    assertThat(preference.usesRanking(List.of("tokyo-1"))).isFalse();
  }

  @Test
  void beforeARankingTheOwnRegionComesFirstInRendezvousOrderThenTheOthers() {
    EndpointPreference preference = preference(Optional.of("us"));
    for (int i = 0; i < 100; i++) {
      String database = "db" + i;
      List<String> order = preference.forDatabase(database, List.of());
      assertThat(order.subList(0, 3)).isEqualTo(RendezvousOrder.order(database, List.of("us-1", "us-2", "us-3")));
      assertThat(order.subList(3, 5)).isEqualTo(RendezvousOrder.order(database, List.of("eu-1", "eu-2")));
    }
  }

  @Test
  void aRankingNamingNoKnownSiteFallsBackToRendezvous() {
    EndpointPreference preference = preference(Optional.of("eu"));
    assertThat(preference.forDatabase("appdb", List.of("tokyo-1"))).isEqualTo(preference.rendezvous("appdb"));
    assertThat(preference.rendezvous("appdb").subList(0, 2)).containsExactlyInAnyOrder("eu-1", "eu-2");
  }

  @Test
  void withoutARegionOrWithAnEmptyOneEveryEndpointIsHashedTogether() {
    List<String> all = ENDPOINTS.stream().map(EdgeConfig.Endpoint::name).toList();
    assertThat(preference(Optional.empty()).rendezvous("appdb")).isEqualTo(RendezvousOrder.order("appdb", all));
    assertThat(preference(Optional.of("asia")).rendezvous("appdb")).isEqualTo(RendezvousOrder.order("appdb", all));
  }

  private static EndpointPreference preference(Optional<String> region) {
    return new EndpointPreference(new EdgeConfig("edge", new HostPort("127.0.0.1", 0), Optional.empty(), ENDPOINTS,
        List.of(), region, Optional.of(new HostPort("placement", 7200))));
  }

  private static EdgeConfig.Endpoint endpoint(String name, String region) {
    return new EdgeConfig.Endpoint(name, new HostPort(name, 7100), Optional.of(region));
  }
}
