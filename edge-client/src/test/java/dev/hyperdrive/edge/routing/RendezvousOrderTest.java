package dev.hyperdrive.edge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RendezvousOrderTest {
  private static final List<String> SITES = List.of("site-a", "site-b", "site-c");

  @Test
  void theOrderDependsOnlyOnTheNamesNotOnTheirListingOrder() {
    for (int i = 0; i < 200; i++) {
      String database = "db" + i;
      List<String> reversed = new ArrayList<>(SITES);
      java.util.Collections.reverse(reversed);
      assertThat(RendezvousOrder.order(database, reversed)).isEqualTo(RendezvousOrder.order(database, SITES))
          .containsExactlyInAnyOrderElementsOf(SITES);
    }
  }

  @Test
  void weightsAreFixedAcrossProcessesAndVersions() {
    // Every edge of a region must agree, also across upgrades: a changed hash would move databases.
    // Values computed once, independently (FNV-1a over "appdb", 0xff, the site; SplitMix64's finaliser).
    assertThat(Long.toHexString(RendezvousOrder.weight("appdb", "site-a"))).isEqualTo("892209e9940f1958");
    assertThat(Long.toHexString(RendezvousOrder.weight("appdb", "site-b"))).isEqualTo("260db3a9c15a522d");
    assertThat(Long.toHexString(RendezvousOrder.weight("appdb", "site-c"))).isEqualTo("31cc32b907f70b2b");
    assertThat(RendezvousOrder.order("appdb", SITES)).containsExactly("site-c", "site-b", "site-a");
  }

  @Test
  void databasesSpreadEvenlyOverTheEndpoints() {
    Map<String, Integer> firsts = new HashMap<>();
    int databases = 30_000;
    for (int i = 0; i < databases; i++) {
      firsts.merge(RendezvousOrder.order("database-" + i, SITES).get(0), 1, Integer::sum);
    }
    assertThat(firsts).containsOnlyKeys(SITES);
    // 10,000 expected each; a binomial standard deviation is ~82, so 5% is far outside chance.
    firsts.values().forEach(count -> assertThat(count).isBetween(9_500, 10_500));
  }

  @Test
  void removingAnEndpointMovesOnlyTheDatabasesItHeld() {
    List<String> withoutB = List.of("site-a", "site-c");
    int moved = 0;
    for (int i = 0; i < 3_000; i++) {
      String database = "database-" + i;
      List<String> full = RendezvousOrder.order(database, SITES);
      List<String> reduced = RendezvousOrder.order(database, withoutB);
      assertThat(reduced).as("the others keep their relative order").isEqualTo(
          full.stream().filter(withoutB::contains).toList());
      if (!full.get(0).equals(reduced.get(0))) {
        assertThat(full.get(0)).isEqualTo("site-b");
        moved++;
      }
    }
    assertThat(moved).isBetween(800, 1_200);
  }
}
