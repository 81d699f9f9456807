package dev.hyperdrive.it;

import static dev.hyperdrive.it.OriginProbe.queryLong;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.edge.EdgeServer;
import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a read costs on loopback when the origin answers it, when the endpoint tier does (another edge
 * asked first), and when the edge does: the same {@value #READS} distinct queries through each path in
 * turn, side by side in one run. Prints the figures; checks that the origin ran each query exactly once.
 *
 * <pre>mvn -B -o -Pslow -pl integration-tests -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dit.test='dev/hyperdrive/it/EndpointTierLatencyIT' -Dfailsafe.failIfNoSpecifiedTests=false</pre>
 */
@Tag("slow")
@ExtendWith(PostgresExtension.class)
class EndpointTierLatencyIT {
  private static final int READS = 1000;

  @Test
  void originThenEndpointTierThenEdgeTier(EmbeddedOrigin origin) throws Exception {
    OriginProbe probe = OriginProbe.create(origin, "latency");
    try (RelayStack stack = RelayStack.start(origin, 4);
         EdgeServer secondEdge = stack.startAnotherEdge();
         Connection first = stack.connect();
         Connection second = RelayStack.connect(secondEdge)) {
      long before = probe.runs();
      long[] fromOrigin = timeReads(first, probe);
      long[] fromEndpointTier = timeReads(second, probe);
      long[] fromEdgeTier = timeReads(second, probe);
      assertThat(probe.runs()).isEqualTo(before + READS);
      assertThat(secondEdge.cacheStatistics().endpointHits(RelayStack.DATABASE)).isEqualTo(READS);
      System.out.printf("%n%-28s %10s %10s%n", "one-row read, loopback", "p50 us", "p99 us");
      print("origin (both tiers missed)", fromOrigin);
      print("endpoint tier hit", fromEndpointTier);
      print("edge tier hit", fromEdgeTier);
    }
  }

  private static long[] timeReads(Connection c, OriginProbe probe) throws SQLException {
    long[] micros = new long[READS];
    for (int i = 0; i < READS; i++) {
      long start = System.nanoTime();
      queryLong(c, probe.query() + " WHERE run > " + -i);
      micros[i] = (System.nanoTime() - start) / 1_000;
    }
    Arrays.sort(micros);
    return micros;
  }

  private static void print(String path, long[] sortedMicros) {
    System.out.printf("%-28s %10d %10d%n", path, sortedMicros[READS / 2], sortedMicros[READS * 99 / 100]);
  }
}
