package dev.hyperdrive.endpoint;

import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.BindComplete;
import dev.hyperdrive.wire.backend.CloseComplete;
import dev.hyperdrive.wire.backend.CommandComplete;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.NoData;
import dev.hyperdrive.wire.backend.ParameterDescription;
import dev.hyperdrive.wire.backend.ParseComplete;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.backend.RowDescription;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Backend messages in one line, so a scenario test reads like the protocol: {@code 1} ParseComplete,
 * {@code 2} BindComplete, {@code 3} CloseComplete, {@code t} ParameterDescription, {@code T} RowDescription,
 * {@code n} NoData, {@code D(a,b)} DataRow, {@code C(tag)}, {@code E(SQLSTATE message)}, {@code Z(I)}.
 */
final class Transcript {
  private Transcript() {}

  static String of(List<BackendMessage> messages) {
    return messages.stream().map(Transcript::one).collect(Collectors.joining(" "));
  }

  static String one(BackendMessage message) {
    if (message == ParseComplete.INSTANCE) {
      return "1";
    }
    if (message == BindComplete.INSTANCE) {
      return "2";
    }
    if (message == CloseComplete.INSTANCE) {
      return "3";
    }
    if (message == NoData.INSTANCE) {
      return "n";
    }
    if (message instanceof ParameterDescription) {
      return "t";
    }
    if (message instanceof RowDescription) {
      return "T";
    }
    if (message instanceof DataRow row) {
      return "D(" + row.columns().stream()
          .map(value -> value == null ? "null" : new String(value, StandardCharsets.UTF_8))
          .collect(Collectors.joining(",")) + ")";
    }
    if (message instanceof CommandComplete complete) {
      return "C(" + complete.tag() + ")";
    }
    if (message instanceof ErrorResponse error) {
      return "E(" + error.fields().sqlState() + " " + error.fields().message() + ")";
    }
    if (message instanceof ReadyForQuery ready) {
      return "Z(" + (char) ready.status().code() + ")";
    }
    return message.getClass().getSimpleName();
  }
}
