package dev.hyperdrive.endpoint.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.endpoint.config.SslMode;
import dev.hyperdrive.endpoint.origin.OriginConnection;
import dev.hyperdrive.endpoint.origin.OriginConnector;
import dev.hyperdrive.endpoint.origin.OriginListener;
import dev.hyperdrive.testing.PostgresExtension;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A session is handed an idle connection served by its own event loop when the pool has one. */
@ExtendWith(PostgresExtension.class)
class LoopAffinityIT {
  private static final OriginListener IGNORING = new OriginListener() {
    @Override
    public void onFrames(OriginConnection connection, List<ByteBuf> frames) {
      frames.forEach(ByteBuf::release);
    }

    @Override
    public void onWritabilityChanged(OriginConnection connection) {}

    @Override
    public void onClosed(OriginConnection connection, Throwable cause) {}
  };

  @Test
  void anIdleConnectionOnTheCallersLoopIsPreferred(EmbeddedOrigin origin) throws Exception {
    EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    PoolSettings settings = new PoolSettings(4, 4, Duration.ofMinutes(10), Duration.ofHours(1),
        Duration.ofSeconds(15), Duration.ofSeconds(120));
    OriginConfig config = new OriginConfig(origin.host(), origin.port(), origin.user(), origin.password(),
        origin.database(), SslMode.DISABLE, null);
    OriginPool pool = new OriginPool("affinity", settings,
        new OriginConnector(config, "test", Duration.ofSeconds(15), loops), loops).start();
    try {
      List<EventLoop> served = idleConnectionLoops(pool);
      for (EventLoop loop : new LinkedHashSet<>(served)) {
        try (Checkout checkout = pool.acquire(IGNORING, loop).get(15, TimeUnit.SECONDS)) {
          assertThat(checkout.connection().eventLoop()).as("the connection for a session on %s", loop).isSameAs(loop);
        }
      }
      // With every connection of that loop taken, another loop's idle connection still serves.
      EventLoop first = served.get(0);
      List<Checkout> taken = new ArrayList<>();
      for (int i = 0; i < Collections.frequency(served, first); i++) {
        taken.add(pool.acquire(IGNORING, first).get(15, TimeUnit.SECONDS));
      }
      assertThat(taken).allSatisfy(checkout -> assertThat(checkout.connection().eventLoop()).isSameAs(first));
      if (taken.size() < served.size()) {
        try (Checkout other = pool.acquire(IGNORING, first).get(15, TimeUnit.SECONDS)) {
          assertThat(other.connection().eventLoop()).isNotSameAs(first);
        }
      }
      taken.forEach(Checkout::close);
    } finally {
      pool.close();
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  /** Checks every idle connection out (preferring none) and back in, noting which loop serves each. */
  private static List<EventLoop> idleConnectionLoops(OriginPool pool) throws Exception {
    List<Checkout> all = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      all.add(pool.acquire(IGNORING).get(15, TimeUnit.SECONDS));
    }
    List<EventLoop> served = new ArrayList<>();
    for (Checkout checkout : all) {
      served.add(checkout.connection().eventLoop());
      checkout.close();
    }
    return served;
  }
}
