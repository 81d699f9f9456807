package dev.hyperdrive.endpoint;

import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Close;
import dev.hyperdrive.wire.frontend.Describe;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Sync;
import dev.hyperdrive.wire.frontend.Target;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Short names for the frontend messages of scenario tests, and one step: send, read, transcribe. */
final class ProtocolSteps {
  private ProtocolSteps() {}

  /** Sends {@code messages} as one batch and returns the transcript of every answer through the last ReadyForQuery. */
  static String say(RelayStream stream, PgMessage... messages) throws InterruptedException {
    stream.send(messages);
    long syncPoints = Arrays.stream(messages).filter(m -> m instanceof Sync || m instanceof Query).count();
    List<BackendMessage> answers = new ArrayList<>();
    for (long i = 0; i < syncPoints; i++) {
      answers.addAll(stream.untilReady());
    }
    return Transcript.of(answers);
  }

  static Parse parse(String name, String sql) {
    return new Parse(name, sql, new int[0]);
  }

  /** A Bind of the unnamed portal with text parameters. */
  static Bind bind(String statement, String... values) {
    List<byte[]> parameters = new ArrayList<>();
    for (String value : values) {
      parameters.add(value.getBytes(StandardCharsets.UTF_8));
    }
    return new Bind("", statement, new short[0], parameters, new short[0]);
  }

  static Execute execute() {
    return new Execute("", 0);
  }

  static Sync sync() {
    return Sync.INSTANCE;
  }

  static Describe describeStatement(String name) {
    return new Describe(Target.STATEMENT, name);
  }

  static Close closeStatement(String name) {
    return new Close(Target.STATEMENT, name);
  }

  static Query query(String sql) {
    return new Query(sql);
  }
}
