package dev.hyperdrive.endpoint;

import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Sync;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One step of a scenario test: send, read, transcribe (the messages: shared test-jar's ScriptFrames). */
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
}
