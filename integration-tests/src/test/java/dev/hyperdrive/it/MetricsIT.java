package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Prometheus scrapes {@code /metrics} from a running edge and endpoint (metrics_listen) in front of the real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class MetricsIT {
  private static final String DATABASE_LABEL = "database=\"" + RelayStack.DATABASE + "\"";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theEdgeCountsCacheHitsAndSessionsAndTheEndpointItsPool(EmbeddedOrigin origin) throws Exception {
    try (RelayStack stack = RelayStack.startWithMetrics(origin, 2)) {
      int edgeMetrics = stack.edge().metricsPort().orElseThrow();
      int endpointMetrics = stack.endpoint().metricsPort().orElseThrow();
      String hits = "hyperdrive_edge_cache_requests_total{" + DATABASE_LABEL + ",status=\"hit\"}";
      String misses = "hyperdrive_edge_cache_requests_total{" + DATABASE_LABEL + ",status=\"miss\"}";
      String terminated = "hyperdrive_edge_client_sessions_total{outcome=\"terminated\"}";
      String checkouts = "hyperdrive_endpoint_pool_checkouts_seconds_count{" + DATABASE_LABEL + "}";
      String before = scrape(edgeMetrics);
      assertThat(value(before, hits)).isZero();

      // A cacheable query runs twice: the origin answers the first, the edge's cache the second.
      try (Connection c = stack.connect()) {
        assertThat(queryInt(c, "SELECT 41 + 1")).isEqualTo(42);
        assertThat(queryInt(c, "SELECT 41 + 1")).isEqualTo(42);
        String during = scrape(edgeMetrics);
        assertThat(value(during, "hyperdrive_edge_client_sessions_open")).isEqualTo(1);
        assertThat(value(during, hits)).isEqualTo(1);
        assertThat(value(during, misses)).isEqualTo(1);
      }
      String after = scrape(edgeMetrics);
      assertThat(value(after, terminated)).as("pgjdbc says Terminate on close").isEqualTo(1);
      assertThat(after).contains("hyperdrive_edge_cache_entries ").contains("jvm_memory_used_bytes");
      assertThat(value(after, "hyperdrive_edge_cache_bytes")).isPositive();

      String endpoint = scrape(endpointMetrics);
      assertThat(value(endpoint, checkouts)).as("the miss (and pgjdbc's start-up) checked a connection out")
          .isGreaterThanOrEqualTo(1);
      assertThat(value(endpoint, "hyperdrive_endpoint_relay_sessions_total")).isEqualTo(1);
      assertThat(value(endpoint, "hyperdrive_endpoint_pool_sv_active{" + DATABASE_LABEL + "}")).isZero();
      double idle = value(endpoint, "hyperdrive_endpoint_pool_sv_idle{" + DATABASE_LABEL + "}");
      assertThat(idle).isPositive();
      assertThat(value(endpoint, "hyperdrive_endpoint_pool_open{" + DATABASE_LABEL + "}")).isGreaterThanOrEqualTo(idle);
    }
  }

  private String scrape(int port) throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** The sample value of one series (name and labels exactly as exposed); fails if absent. */
  private static double value(String exposition, String series) {
    Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
    assertThat(sample.find()).as("series %s in%n%s", series, exposition).isTrue();
    return Double.parseDouble(sample.group(1));
  }

  private static int queryInt(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
