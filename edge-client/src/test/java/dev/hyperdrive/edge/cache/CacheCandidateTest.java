package dev.hyperdrive.edge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Close;
import dev.hyperdrive.wire.frontend.Describe;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Flush;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Sync;
import dev.hyperdrive.wire.frontend.Target;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheCandidateTest {
  private static final Parse PARSE = new Parse("", "SELECT $1::int", new int[] {23});
  private static final Parse PARSE_S1 = new Parse("S_1", "SELECT $1::int", new int[] {23});
  private static final Bind BIND = new Bind("", "", new short[0], List.of("1".getBytes()), new short[0]);
  private static final Bind BIND_S1 = new Bind("", "S_1", new short[0], List.of("1".getBytes()), new short[0]);
  private static final Describe PORTAL = new Describe(Target.PORTAL, "");
  private static final Describe STATEMENT = new Describe(Target.STATEMENT, "");
  private static final Execute ALL_ROWS = new Execute("", 0);

  private static Optional<String> shape(FrontendMessage... messages) {
    return CacheCandidate.recognise(List.of(messages)).map(candidate -> candidate instanceof CacheCandidate.Extended e
        ? e.shape() : "Q");
  }

  @Test
  void recognisesEveryShapeADriverSendsForOneExecution() {
    assertThat(shape(new Query("SELECT 1"))).contains("Q");
    assertThat(shape(PARSE, BIND, PORTAL, ALL_ROWS, Sync.INSTANCE)).contains("PBdE");
    assertThat(shape(PARSE, BIND, ALL_ROWS, Sync.INSTANCE)).contains("PBE");
    assertThat(shape(PARSE, STATEMENT, BIND, ALL_ROWS, Sync.INSTANCE)).contains("PsBE");
    assertThat(shape(BIND_S1, PORTAL, ALL_ROWS, Sync.INSTANCE)).contains("BdE");
    assertThat(shape(PARSE_S1, BIND_S1, PORTAL, ALL_ROWS, Sync.INSTANCE)).contains("PBdE");
    assertThat(shape(BIND, ALL_ROWS, Sync.INSTANCE)).contains("BE");
  }

  @Test
  void refusesWhatIsNotExactlyOneCompleteExecution() {
    assertThat(shape(PARSE, BIND, PORTAL, new Execute("", 10), Sync.INSTANCE)).as("row limit").isEmpty();
    assertThat(shape(PARSE, BIND, PORTAL, ALL_ROWS)).as("no Sync").isEmpty();
    assertThat(shape(PARSE, BIND, PORTAL, ALL_ROWS, Flush.INSTANCE)).as("Flush").isEmpty();
    assertThat(shape(PARSE, BIND, ALL_ROWS, BIND, ALL_ROWS, Sync.INSTANCE)).as("two executions").isEmpty();
    assertThat(shape(PARSE, BIND, ALL_ROWS, Sync.INSTANCE, BIND, ALL_ROWS, Sync.INSTANCE)).as("two Syncs").isEmpty();
    assertThat(shape(PARSE, BIND_S1, ALL_ROWS, Sync.INSTANCE)).as("Bind of another statement").isEmpty();
    assertThat(shape(PARSE, BIND, new Execute("other", 0), Sync.INSTANCE)).as("another portal").isEmpty();
    assertThat(shape(PARSE, STATEMENT, Sync.INSTANCE)).as("describe only").isEmpty();
    assertThat(shape(PARSE, BIND, ALL_ROWS, new Close(Target.STATEMENT, ""), Sync.INSTANCE)).isEmpty();
    assertThat(shape(new Query("SELECT 1"), new Query("SELECT 2"))).isEmpty();
  }
}
