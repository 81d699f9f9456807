package dev.hyperdrive.endpoint.prepared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.backend.ParseComplete;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Flush;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.StatementKey;
import dev.hyperdrive.wire.frontend.Sync;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which batches the endpoint answers without an origin connection, and what that defines. */
class ParseOnlyBatchTest {
  private final ServerStatementNames names = new ServerStatementNames();
  private final ClientStatements client = new ClientStatements();
  private final List<ByteBuf> frames = new ArrayList<>();

  @AfterEach
  void release() {
    frames.forEach(ByteBuf::release);
  }

  @Test
  void namedParsesOfKnownStatementsThenSyncAreAnswered() {
    known("SELECT 1");
    known("SELECT 2");
    assertThat(ParseOnlyBatch.answer(batch(parse("a", "SELECT 1"), parse("b", "SELECT 2"), Sync.INSTANCE), client, names))
        .containsExactly(ParseComplete.INSTANCE, ParseComplete.INSTANCE, ReadyForQuery.IDLE);
    assertThat(client.lookup("a")).isEqualTo(new StatementKey("SELECT 1", new int[0]));
    assertThat(client.lookup("b")).isEqualTo(new StatementKey("SELECT 2", new int[0]));
  }

  @Test
  void anythingElseGoesToTheOriginAndDefinesNothing() {
    known("SELECT 1");
    client.define("taken", new StatementKey("SELECT 1", new int[0]));
    assertThat(answer(parse("x", "SELECT 9"), Sync.INSTANCE)).as("never accepted by the origin").isNull();
    assertThat(answer(parse("x", "SELECT 1"), new Parse("y", "SELECT 1", new int[] {23}), Sync.INSTANCE))
        .as("other parameter types are another statement").isNull();
    assertThat(answer(parse("", "SELECT 1"), Sync.INSTANCE)).as("the unnamed statement").isNull();
    assertThat(answer(parse("taken", "SELECT 1"), Sync.INSTANCE)).as("42P05 comes from the origin's answer").isNull();
    assertThat(answer(parse("x", "SELECT 1"), parse("x", "SELECT 1"), Sync.INSTANCE)).as("duplicate in batch").isNull();
    assertThat(answer(parse("x", "SELECT 1"), Flush.INSTANCE)).as("no Sync").isNull();
    assertThat(answer(parse("x", "SELECT 1"), new Bind("", "x", new short[0], List.of(), new short[0]), Sync.INSTANCE))
        .as("more than Parses").isNull();
    assertThat(answer(Sync.INSTANCE)).as("a lone Sync").isNull();
    assertThat(client.defines("x")).isFalse();
    assertThat(client.size()).isEqualTo(1);
  }

  private void known(String sql) {
    names.parsedSuccessfully(new StatementKey(sql, new int[0]));
  }

  private List<?> answer(PgMessage... messages) {
    return ParseOnlyBatch.answer(batch(messages), client, names);
  }

  private List<ByteBuf> batch(PgMessage... messages) {
    List<ByteBuf> batch = new ArrayList<>();
    for (PgMessage message : messages) {
      ByteBuf frame = Unpooled.buffer();
      message.encode(frame);
      batch.add(frame);
      frames.add(frame);
    }
    return batch;
  }

  private static Parse parse(String name, String sql) {
    return new Parse(name, sql, new int[0]);
  }
}
