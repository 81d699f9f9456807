package dev.hyperdrive.testing;

import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Close;
import dev.hyperdrive.wire.frontend.CopyData;
import dev.hyperdrive.wire.frontend.Describe;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Sync;
import dev.hyperdrive.wire.frontend.Target;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Short names for the frontend frames protocol scripts are written in (text parameters, text results). */
public final class ScriptFrames {
  private ScriptFrames() {}

  public static Parse parse(String statement, String sql) {
    return new Parse(statement, sql, new int[0]);
  }

  /** Binds the unnamed portal to {@code statement} with text parameter values. */
  public static Bind bind(String statement, String... values) {
    List<byte[]> parameters = new ArrayList<>();
    for (String value : values) {
      parameters.add(value.getBytes(StandardCharsets.UTF_8));
    }
    return new Bind("", statement, new short[0], parameters, new short[0]);
  }

  public static Execute execute() {
    return new Execute("", 0);
  }

  public static Sync sync() {
    return Sync.INSTANCE;
  }

  public static Describe describeStatement(String statement) {
    return new Describe(Target.STATEMENT, statement);
  }

  public static Describe describePortal() {
    return new Describe(Target.PORTAL, "");
  }

  public static Close closeStatement(String statement) {
    return new Close(Target.STATEMENT, statement);
  }

  public static Query query(String sql) {
    return new Query(sql);
  }

  public static CopyData copyData(String text) {
    return new CopyData(text.getBytes(StandardCharsets.UTF_8));
  }
}
