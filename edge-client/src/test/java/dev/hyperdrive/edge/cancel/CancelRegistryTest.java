package dev.hyperdrive.edge.cancel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.edge.relay.EndpointChannel;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CancelRegistryTest {
  private final CancelRegistry registry = new CancelRegistry();

  @Test
  void onlyTheExactKeyFindsTheSessionAndOnlyWhileItLives() {
    CancelTarget session = target("s-1");
    BackendKey key = registry.register(session);
    assertThat(key.processId()).isPositive();
    assertThat(registry.lookup(key.processId(), key.secretKey())).contains(session);
    assertThat(registry.lookup(key.processId(), key.secretKey() + 1)).isEmpty();
    registry.release(key);
    assertThat(registry.lookup(key.processId(), key.secretKey())).isEmpty();
    assertThat(registry.size()).isZero();
  }

  @Test
  void keysOfLiveSessionsAreDistinct() {
    for (int i = 0; i < 10_000; i++) {
      registry.register(target("s-" + i));
    }
    assertThat(registry.size()).isEqualTo(10_000);
  }

  private static CancelTarget target(String sessionId) {
    return new CancelTarget() {
      @Override
      public String database() {
        return "appdb";
      }

      @Override
      public String sessionId() {
        return sessionId;
      }

      @Override
      public Optional<EndpointChannel> servingEndpoint() {
        return Optional.empty();
      }
    };
  }
}
