package dev.hyperdrive.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.proto.relay.Parameter;
import dev.hyperdrive.proto.relay.SessionOpen;
import dev.hyperdrive.wire.backend.CommandComplete;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Describe;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Sync;
import dev.hyperdrive.wire.frontend.Target;
import java.io.StringReader;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** What the edge sends its endpoint, and when: one stream per session, one relay frame per request. */
class EdgeRelayTest {
  private EdgeTestStack stack;

  @BeforeEach
  void start() {
    stack = EdgeTestStack.start();
  }

  @AfterEach
  void stop() {
    stack.close();
  }

  @Test
  void firstFrameOpensTheSessionAndCarriesTheFirstQuery() throws Exception {
    try (Connection c = stack.connect(EdgeTestStack.SCRAM_DB, EdgeTestStack.SCRAM_USER, EdgeTestStack.SCRAM_PASSWORD,
        "sslmode=disable&preferQueryMode=simple&assumeMinServerVersion=9.0&ApplicationName=relay-test")) {
      assertThat(EdgeHandshakeTest.selectOne(c)).isEqualTo(1);
    }
    ScriptedRelayServer.Received first = stack.endpoint.received.get(0);
    SessionOpen open = first.open();
    assertThat(open).as("SessionOpen rides on the first frame").isNotNull();
    assertThat(open.getDatabase()).isEqualTo(EdgeTestStack.SCRAM_DB);
    assertThat(open.getEdgeSite()).isEqualTo("test-edge");
    assertThat(open.getSessionId()).isNotEmpty();
    assertThat(open.getStartupParametersList()).extracting(Parameter::getName)
        .contains("application_name", "client_encoding", "DateStyle")
        .doesNotContain("user", "database");
    assertThat(open.getStartupParametersList())
        .contains(Parameter.newBuilder().setName("application_name").setValue("relay-test").build());
    assertThat(FrameTags.of(first.frames())).as("the query rides on the same frame").isEqualTo("Q");
  }

  @Test
  void extendedQueryUpToSyncArrivesAsOneRelayFrame() throws Exception {
    try (Connection c = stack.connect(EdgeTestStack.SCRAM_DB, EdgeTestStack.SCRAM_USER, EdgeTestStack.SCRAM_PASSWORD,
        "sslmode=disable&assumeMinServerVersion=9.0")) {
      assertThat(EdgeHandshakeTest.selectOne(c)).isEqualTo(1);
      assertThat(EdgeHandshakeTest.selectOne(c)).isEqualTo(1);
    }
    List<String> batches = stack.endpoint.received.stream().map(r -> FrameTags.of(r.frames())).toList();
    assertThat(batches).containsExactly("PBDES", "PBDES");
  }

  @Test
  void executeWithoutSyncIsForwardedAtTheEndOfTheDriversWrite() throws Exception {
    try (RawPgClient client = stack.rawCleartext()) {
      client.send(new Parse("", "select 1", new int[0]), new Bind("", "", new short[0], List.of(), new short[0]),
          new Describe(Target.PORTAL, ""), new Execute("", 0));
      client.readUntil('D');
      assertThat(client.readMessage()).isEqualTo(new CommandComplete("SELECT 1"));
      client.send(Sync.INSTANCE);
      client.readUntil('Z');
    }
    List<String> batches = stack.endpoint.received.stream().map(r -> FrameTags.of(r.frames())).toList();
    assertThat(batches).containsExactly("PBDE", "S");
  }

  @Test
  void copyDataFlowsWithoutWaitingForSync() throws Exception {
    try (Connection c = stack.connect()) {
      StringBuilder rows = new StringBuilder();
      for (int i = 0; i < 1000; i++) {
        rows.append(i).append("\trow ").append(i).append('\n');
      }
      long copied = c.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("COPY items FROM STDIN", new StringReader(rows.toString()));
      assertThat(copied).isEqualTo(1000);
    }
  }

  @Test
  void fiftySessionsShareTheConnectionOpenedAtStartup() throws Exception {
    awaitTrue(() -> stack.endpoint.transports.get() == 1, "connected before any driver arrived");
    for (int i = 0; i < 25; i++) {
      try (Connection c = stack.connect()) {
        assertThat(EdgeHandshakeTest.selectOne(c)).isEqualTo(1);
      }
    }
    List<Thread> concurrent = new java.util.ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
    for (int i = 0; i < 25; i++) {
      Thread thread = new Thread(() -> {
        try (Connection c = stack.connect()) {
          if (EdgeHandshakeTest.selectOne(c) == 1) {
            ok.incrementAndGet();
          }
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      thread.start();
      concurrent.add(thread);
    }
    for (Thread thread : concurrent) {
      thread.join(60_000);
    }
    assertThat(ok.get()).isEqualTo(25);
    assertThat(stack.endpoint.sessions).hasSize(50);
    assertThat(stack.endpoint.transports.get()).as("HTTP/2 connections after 50 sessions").isEqualTo(1);
  }

  @Test
  void terminateHalfClosesTheStream() throws Exception {
    try (Connection c = stack.connect()) {
      assertThat(EdgeHandshakeTest.selectOne(c)).isEqualTo(1);
    }
    awaitTrue(() -> stack.endpoint.sessions.values().stream().allMatch(s -> s.halfClosed), "stream half-closed");
  }

  @Test
  void aSessionThatNeverQueriesOpensNoStream() throws Exception {
    try (Connection c = stack.connect(EdgeTestStack.SCRAM_DB, EdgeTestStack.SCRAM_USER, EdgeTestStack.SCRAM_PASSWORD,
        "sslmode=disable&assumeMinServerVersion=9.0")) {
      assertThat(c.unwrap(PGConnection.class).getBackendPID()).isPositive();
    }
    assertThat(stack.endpoint.received).isEmpty();
  }

  static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }
}
