package dev.hyperdrive.endpoint;

import static dev.hyperdrive.endpoint.RelaySessionIT.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.config.HostPort;
import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.config.DatabaseConfig;
import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.testing.PostgresExtension;
import dev.hyperdrive.wire.backend.DataRow;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The endpoint over real HTTP/2: one warm connection carries many sessions. */
@ExtendWith(PostgresExtension.class)
class NettyTransportIT {

  @Test
  void manySessionsReuseOneWarmConnection(EmbeddedOrigin origin) throws Exception {
    EndpointConfig config = new EndpointConfig("netty-site", new HostPort("127.0.0.1", 0), List.of(
        new DatabaseConfig("appdb", OriginConfig.plain(origin.host(), origin.port(), origin.user(),
            origin.password(), origin.database()), PoolSettings.DEFAULTS)));
    try (EndpointServer server = EndpointServer.start(config)) {
      assertThat(server.port()).isPositive();
      // Keepalive as an edge configures it: a ping every 20 s even without calls must be allowed.
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
          .keepAliveTime(20, TimeUnit.SECONDS).keepAliveWithoutCalls(true).build();
      try {
        for (int i = 0; i < 5; i++) {
          try (RelayStream session = new RelayStream(channel, "appdb", "netty-" + i)) {
            assertThat(text((DataRow) session.query("SELECT " + i).get(1), 0)).isEqualTo(String.valueOf(i));
            session.halfClose();
            assertThat(session.awaitEnd().isOk()).isTrue();
          }
        }
        assertThat(server.acceptedTransports()).isEqualTo(1);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
