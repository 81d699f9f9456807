package dev.hyperdrive.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.edge.cache.EdgeCacheTier;
import dev.hyperdrive.edge.cancel.CancelForwarder;
import dev.hyperdrive.edge.cancel.CancelRegistry;
import dev.hyperdrive.edge.relay.EndpointChannels;
import dev.hyperdrive.edge.relay.OriginParameters;
import dev.hyperdrive.edge.routing.EdgeDatabases;
import dev.hyperdrive.edge.session.ClientSession;
import dev.hyperdrive.edge.session.EdgeAuthentication;
import dev.hyperdrive.edge.session.LiveSessions;
import dev.hyperdrive.edge.session.SessionServices;
import dev.hyperdrive.edge.statements.StatementMetadataCaches;
import dev.hyperdrive.wire.Direction;
import dev.hyperdrive.wire.MessageLimits;
import dev.hyperdrive.wire.PgFrameDecoder;
import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.PgMessageEncoder;
import dev.hyperdrive.wire.frontend.PasswordMessage;
import dev.hyperdrive.wire.frontend.StartupMessage;
import io.grpc.InsecureChannelCredentials;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A session's handshake deadline (1 minute, PostgreSQL's authentication_timeout) must not outlive the
 * handshake: a pending timer task keeps the session, its channel and its relay reachable, so under
 * connection churn closed sessions would pile up for a minute. The session runs in an EmbeddedChannel,
 * whose event loop shows every timer still pending.
 */
class SessionRetentionTest {
  private ScriptedRelayServer endpoint;
  private EndpointChannels channels;
  private ScheduledExecutorService scheduler;
  private SessionServices services;

  @BeforeEach
  void start() throws Exception {
    endpoint = ScriptedRelayServer.start();
    EdgeConfig config = EdgeTestStack.config(endpoint.port(), Optional.empty());
    channels = EndpointChannels.connect(List.of(new EndpointChannels.Target("scripted", "127.0.0.1", endpoint.port())),
        InsecureChannelCredentials.create());
    scheduler = Executors.newSingleThreadScheduledExecutor();
    EdgeDatabases databases = new EdgeDatabases(config);
    OriginParameters originParameters = new OriginParameters(
        database -> databases.database(database).map(served -> channels.choose(served.endpoints())), scheduler);
    originParameters.parameters(EdgeTestStack.CLEARTEXT_DB).get(10, TimeUnit.SECONDS);
    CancelRegistry cancelRegistry = new CancelRegistry();
    services = new SessionServices(config, channels, originParameters, cancelRegistry,
        new CancelForwarder(cancelRegistry), new EdgeAuthentication(), Optional.empty(), new LiveSessions(),
        databases, new EdgeCacheTier(config.cacheSize(), Clock.systemUTC()), new StatementMetadataCaches(100));
  }

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
    channels.close();
    endpoint.close();
  }

  @Test
  void aCompletedHandshakeLeavesNoTimerBehind() {
    EmbeddedChannel driver = sessionChannel();
    assertThat(driver.runScheduledPendingTasks()).as("the handshake deadline is armed at connect").isNotEqualTo(-1);
    // The driver logs in; the origin's parameters are known, so the greeting follows at once.
    driver.writeInbound(frames(startup(), new PasswordMessage(EdgeTestStack.CLEARTEXT_PASSWORD)));
    assertThat(services.liveSessions().count()).isEqualTo(1);
    assertThat(driver.runScheduledPendingTasks()).as("no timer pending after the greeting").isEqualTo(-1);
    driver.finishAndReleaseAll();
    assertThat(services.liveSessions().count()).isZero();
  }

  @Test
  void aSessionClosedMidHandshakeLeavesNoTimerBehind() {
    EmbeddedChannel driver = sessionChannel();
    // The driver sends its StartupMessage, is asked for a password, and hangs up instead.
    driver.writeInbound(frames(startup()));
    assertThat(driver.runScheduledPendingTasks()).isNotEqualTo(-1);
    // (EmbeddedChannel.close() would drop the loop's timers itself; a real event loop keeps them, so the
    // session is told its connection went away, as Netty tells it when the driver's socket closes.)
    driver.pipeline().fireChannelInactive();
    assertThat(services.liveSessions().count()).isZero();
    assertThat(driver.runScheduledPendingTasks()).as("no timer pending after the connection went away")
        .isEqualTo(-1);
    driver.finishAndReleaseAll();
  }

  private EmbeddedChannel sessionChannel() {
    return new EmbeddedChannel(new PgFrameDecoder(Direction.FRONTEND, MessageLimits.DEFAULT),
        PgMessageEncoder.INSTANCE, new ClientSession(services));
  }

  private static StartupMessage startup() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("user", EdgeTestStack.CLEARTEXT_USER);
    parameters.put("database", EdgeTestStack.CLEARTEXT_DB);
    return new StartupMessage(StartupMessage.PROTOCOL_3_0, parameters);
  }

  private static ByteBuf frames(PgMessage... messages) {
    ByteBuf buffer = Unpooled.buffer();
    for (PgMessage message : messages) {
      message.encode(buffer);
    }
    return buffer;
  }
}
