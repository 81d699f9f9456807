package dev.hyperdrive.it;

import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Close;
import dev.hyperdrive.wire.frontend.CopyData;
import dev.hyperdrive.wire.frontend.Describe;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Target;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Short names for the frontend frames protocol scripts are written in (text parameters, text results). */
final class ScriptFrames {
  private ScriptFrames() {}

  static Parse parse(String statement, String sql) {
    return new Parse(statement, sql, new int[0]);
  }

  /** Binds the unnamed portal to {@code statement} with text parameter values. */
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

  static Describe describeStatement(String statement) {
    return new Describe(Target.STATEMENT, statement);
  }

  static Describe describePortal() {
    return new Describe(Target.PORTAL, "");
  }

  static Close closeStatement(String statement) {
    return new Close(Target.STATEMENT, statement);
  }

  static Query query(String sql) {
    return new Query(sql);
  }

  static CopyData copyData(String text) {
    return new CopyData(text.getBytes(StandardCharsets.UTF_8));
  }
}
