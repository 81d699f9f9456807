package dev.hyperdrive.it;

import dev.hyperdrive.wire.backend.BackendKeyData;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.CopyData;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.Notice;
import dev.hyperdrive.wire.backend.NoticeResponse;
import dev.hyperdrive.wire.backend.ParameterStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders backend messages as the text a differential test compares: everything a driver acts on, minus
 * what legitimately differs between PostgreSQL and the edge (BackendKeyData, ParameterStatus values, and
 * the server-source location fields of errors).
 */
final class DriverVisible {
  private DriverVisible() {}

  static List<String> render(List<BackendMessage> messages) {
    List<String> lines = new ArrayList<>();
    for (BackendMessage message : messages) {
      if (!(message instanceof BackendKeyData)) {
        lines.add(render(message));
      }
    }
    return lines;
  }

  private static String render(BackendMessage message) {
    if (message instanceof ParameterStatus status) {
      return "ParameterStatus(" + status.name() + ")";
    }
    if (message instanceof ErrorResponse error) {
      return "Error" + render(error.fields());
    }
    if (message instanceof NoticeResponse notice) {
      return "Notice" + render(notice.fields());
    }
    if (message instanceof DataRow row) {
      return row.columns().stream().map(DriverVisible::text).collect(Collectors.joining(", ", "DataRow[", "]"));
    }
    if (message instanceof CopyData data) {
      return "CopyData(" + text(data.data()) + ")";
    }
    return message.toString();
  }

  /** Severity, SQLSTATE, message, detail, hint and position: what drivers show and branch on. */
  private static String render(Notice fields) {
    return "(" + fields.severityNonLocalized() + " " + fields.sqlState() + " " + fields.message()
        + (fields.detail() == null ? "" : " detail=" + fields.detail())
        + (fields.hint() == null ? "" : " hint=" + fields.hint())
        + (fields.position() == null ? "" : " at " + fields.position()) + ")";
  }

  private static String text(byte[] value) {
    return value == null ? "NULL" : new String(value, StandardCharsets.UTF_8);
  }
}
