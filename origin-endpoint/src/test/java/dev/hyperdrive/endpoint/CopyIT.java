package dev.hyperdrive.endpoint;

import static dev.hyperdrive.endpoint.RelayStream.error;
import static dev.hyperdrive.endpoint.RelayStream.status;
import static dev.hyperdrive.endpoint.SessionSettingsIT.show;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.testing.PostgresExtension;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.BindComplete;
import dev.hyperdrive.wire.backend.CommandComplete;
import dev.hyperdrive.wire.backend.CopyInResponse;
import dev.hyperdrive.wire.backend.CopyOutResponse;
import dev.hyperdrive.wire.backend.ParseComplete;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.CopyData;
import dev.hyperdrive.wire.frontend.CopyDone;
import dev.hyperdrive.wire.frontend.CopyFail;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Sync;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * COPY through the relay, over a pool of one connection: after each COPY, however it ends, the
 * connection goes back to the pool and serves the next client.
 */
@ExtendWith(PostgresExtension.class)
class CopyIT {
  private static final PoolSettings ONE_CONNECTION = PoolSettings.DEFAULTS.withDefaultPoolSize(1);

  @Test
  void copyFromStdinAndBackToStdout(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, ONE_CONNECTION);
         RelayStream client = relay.session();
         RelayStream next = relay.session()) {
      client.query("DROP TABLE IF EXISTS copied; CREATE TABLE copied (id int, name text)");

      // 1. COPY FROM STDIN: CopyInResponse, the data in several messages, CopyDone, "COPY 3".
      client.send(new Query("COPY copied FROM STDIN"));
      assertThat(client.next()).isInstanceOf(CopyInResponse.class);
      client.send(data("1\tone\n2\ttw"), data("o\n3\tthree\n"));
      client.send(CopyDone.INSTANCE);
      List<BackendMessage> done = client.untilReady();
      assertThat(done.get(0)).isEqualTo(new CommandComplete("COPY 3"));
      assertThat(status(done)).isEqualTo(TransactionStatus.IDLE);

      // 2. The connection went back: the next client runs on it.
      assertThat(show(next, "count(*) FROM copied")).isEqualTo("3");

      // 3. COPY TO STDOUT: CopyOutResponse, one CopyData per row, CopyDone, "COPY 3".
      List<BackendMessage> out = client.query("COPY (SELECT * FROM copied ORDER BY id) TO STDOUT");
      assertThat(out.get(0)).isInstanceOf(CopyOutResponse.class);
      assertThat(out.stream().filter(m -> m instanceof dev.hyperdrive.wire.backend.CopyData)
          .map(m -> new String(((dev.hyperdrive.wire.backend.CopyData) m).data(), StandardCharsets.UTF_8))
          .collect(Collectors.joining())).isEqualTo("1\tone\n2\ttwo\n3\tthree\n");
      assertThat(out).contains(new CommandComplete("COPY 3"));
      assertThat(relay.awaitStats(stats -> stats.svIdle() == 1).svIdle()).isEqualTo(1);
    }
  }

  @Test
  void copyFailAndAnErrorHalfwayLeaveTheSessionAndTheConnectionUsable(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, ONE_CONNECTION);
         RelayStream client = relay.session();
         RelayStream next = relay.session()) {
      client.query("DROP TABLE IF EXISTS copy_errors; CREATE TABLE copy_errors (id int)");

      // 1. The driver gives up with CopyFail: 57014 with its message, nothing copied.
      client.send(new Query("COPY copy_errors FROM STDIN"));
      assertThat(client.next()).isInstanceOf(CopyInResponse.class);
      client.send(data("1\n"), new CopyFail("the application changed its mind"));
      List<BackendMessage> failed = client.untilReady();
      assertThat(error(failed).sqlState()).isEqualTo("57014");
      assertThat(error(failed).message()).contains("the application changed its mind");
      assertThat(status(failed)).isEqualTo(TransactionStatus.IDLE);
      assertThat(show(next, "count(*) FROM copy_errors")).isEqualTo("0");

      // 2. Bad data halfway: 22P02 at once; the rest of the driver's data and its CopyDone are dropped.
      client.send(new Query("COPY copy_errors FROM STDIN"));
      assertThat(client.next()).isInstanceOf(CopyInResponse.class);
      client.send(data("1\n2\nnot a number\n"));
      List<BackendMessage> bad = client.untilReady();
      assertThat(error(bad).sqlState()).isEqualTo("22P02");
      assertThat(status(bad)).isEqualTo(TransactionStatus.IDLE);
      client.send(data("4\n5\n"), CopyDone.INSTANCE);

      // 3. Both sessions go on, on the one connection, and nothing was copied.
      assertThat(show(client, "'still usable'")).isEqualTo("still usable");
      assertThat(show(next, "count(*) FROM copy_errors")).isEqualTo("0");
    }
  }

  @Test
  void extendedProtocolCopyWithASyncBeforeTheDataIsReleasedAfterward(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, ONE_CONNECTION);
         RelayStream client = relay.session();
         RelayStream next = relay.session()) {
      client.query("DROP TABLE IF EXISTS copy_extended; CREATE TABLE copy_extended (id int)");

      // 1. tokio-postgres sends Parse/Bind/Execute/Sync, and the data only after CopyInResponse;
      //    PostgreSQL ignores that Sync in copy-in mode.
      client.send(new Parse("", "COPY copy_extended FROM STDIN", new int[0]),
          new Bind("", "", new short[0], List.of(), new short[0]), new Execute("", 0), Sync.INSTANCE);
      assertThat(client.next()).isEqualTo(ParseComplete.INSTANCE);
      assertThat(client.next()).isEqualTo(BindComplete.INSTANCE);
      assertThat(client.next()).isInstanceOf(CopyInResponse.class);

      // 2. Data, CopyDone and a second Sync: "COPY 2", then the one ReadyForQuery.
      client.send(data("7\n8\n"), CopyDone.INSTANCE, Sync.INSTANCE);
      List<BackendMessage> done = client.untilReady();
      assertThat(done.get(0)).isEqualTo(new CommandComplete("COPY 2"));

      // 3. Released, so the other client gets the one connection at once.
      assertThat(show(next, "count(*) FROM copy_extended")).isEqualTo("2");

      // 4. The same with an error halfway: the driver's Sync after it ends the skip, and all is usable.
      client.send(new Parse("", "COPY copy_extended FROM STDIN", new int[0]),
          new Bind("", "", new short[0], List.of(), new short[0]), new Execute("", 0), Sync.INSTANCE);
      client.next();
      client.next();
      assertThat(client.next()).isInstanceOf(CopyInResponse.class);
      client.send(data("9\nbad\n"));
      assertThat(client.nextError().sqlState()).isEqualTo("22P02");
      client.send(CopyDone.INSTANCE, Sync.INSTANCE);
      assertThat(status(client.untilReady())).isEqualTo(TransactionStatus.IDLE);
      assertThat(show(next, "count(*) FROM copy_extended")).isEqualTo("2");
      assertThat(show(client, "'usable'")).isEqualTo("usable");
    }
  }

  private static CopyData data(String text) {
    return new CopyData(text.getBytes(StandardCharsets.UTF_8));
  }
}
