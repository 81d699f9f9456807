package dev.hyperdrive.endpoint.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.endpoint.origin.OriginConnection;
import dev.hyperdrive.endpoint.origin.OriginConnections;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each EmbeddedChannel runs on its own event loop, so each connection here stands for a different loop. */
class IdleConnectionsTest {
  private final List<EmbeddedChannel> channels = new ArrayList<>();

  @AfterEach
  void close() {
    channels.forEach(EmbeddedChannel::finishAndReleaseAll);
  }

  private OriginConnection connection() {
    EmbeddedChannel channel = new EmbeddedChannel();
    channels.add(channel);
    return OriginConnections.over(channel);
  }

  @Test
  void withoutAPreferenceTheMostRecentlyUsedComesFirst() {
    IdleConnections idle = new IdleConnections();
    OriginConnection older = connection();
    OriginConnection newer = connection();
    idle.push(older);
    idle.push(newer);
    assertThat(idle.pop()).isSameAs(newer);
    assertThat(idle.pop(null)).isSameAs(older);
    assertThat(idle.pop(null)).isNull();
  }

  @Test
  void aConnectionOnTheSessionsOwnLoopIsPreferred() {
    IdleConnections idle = new IdleConnections();
    OriginConnection onSessionLoop = connection();
    OriginConnection elsewhere = connection();
    idle.push(onSessionLoop);
    idle.push(elsewhere);
    assertThat(idle.pop(onSessionLoop.eventLoop())).as("same loop, though less recently used").isSameAs(onSessionLoop);
    assertThat(idle.pop(onSessionLoop.eventLoop())).as("none on that loop: the most recent").isSameAs(elsewhere);
    assertThat(idle.size()).isZero();
  }

  @Test
  void theSearchStaysAmongTheMostRecentlyUsedSoOldConnectionsStillAgeOut() {
    IdleConnections idle = new IdleConnections();
    OriginConnection oldest = connection();
    idle.push(oldest);
    List<OriginConnection> recent = new ArrayList<>();
    for (int i = 0; i < IdleConnections.AFFINITY_SCAN; i++) {
      OriginConnection connection = connection();
      recent.add(connection);
      idle.push(connection);
    }
    assertThat(idle.pop(oldest.eventLoop())).as("beyond the scan: the most recent instead")
        .isSameAs(recent.get(recent.size() - 1));
  }
}
