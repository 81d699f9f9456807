package dev.hyperdrive.edge.cache;

import dev.hyperdrive.cache.CacheKey;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Describe;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Sync;
import dev.hyperdrive.wire.frontend.Target;
import java.util.List;
import java.util.Optional;

/**
 * A batch whose answer a cache could give: one Simple Query, or one extended-protocol execution up to
 * Sync — {@code [Parse] [Describe statement] Bind [Describe portal] Execute(all rows) Sync}, every
 * message naming the same statement and portal (see
 * https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY).
 */
public sealed interface CacheCandidate {

  /** A Simple Query. */
  record SimpleQuery(String sql) implements CacheCandidate {}

  /**
   * An extended-protocol execution.
   *
   * @param shape the request shape as {@link CacheKey#extended} spells it
   * @param parse the Parse of the batch, if it has one
   * @param bind the Bind
   */
  record Extended(String shape, Optional<Parse> parse, Bind bind) implements CacheCandidate {
    /** The statement the batch executes. */
    public String statement() {
      return bind.statement();
    }
  }

  /** The candidate in {@code messages}, if the batch is one. */
  static Optional<CacheCandidate> recognise(List<FrontendMessage> messages) {
    if (messages.size() == 1 && messages.get(0) instanceof Query query) {
      return Optional.of(new SimpleQuery(query.sql()));
    }
    if (messages.size() < 3 || messages.get(messages.size() - 1) != Sync.INSTANCE) {
      return Optional.empty();
    }
    StringBuilder shape = new StringBuilder();
    Parse parse = null;
    Bind bind = null;
    boolean executed = false;
    for (FrontendMessage message : messages.subList(0, messages.size() - 1)) {
      if (executed) {
        return Optional.empty();
      }
      if (message instanceof Parse p && parse == null && bind == null && shape.length() == 0) {
        parse = p;
        shape.append('P');
      } else if (message instanceof Describe d && d.target() == Target.STATEMENT && bind == null
          && shape.indexOf("s") < 0 && (parse == null || d.name().equals(parse.statement()))) {
        shape.append('s');
      } else if (message instanceof Bind b && bind == null && (parse == null || b.statement().equals(parse.statement()))) {
        bind = b;
        shape.append('B');
      } else if (message instanceof Describe d && d.target() == Target.PORTAL && bind != null
          && shape.indexOf("d") < 0 && d.name().equals(bind.portal())) {
        shape.append('d');
      } else if (message instanceof Execute e && bind != null && e.portal().equals(bind.portal()) && e.maxRows() == 0) {
        executed = true;
        shape.append('E');
      } else {
        return Optional.empty();
      }
    }
    if (!executed || (shape.indexOf("s") >= 0 && !describedStatementIsBound(messages, bind))) {
      return Optional.empty();
    }
    return Optional.of(new Extended(shape.toString(), Optional.ofNullable(parse), bind));
  }

  private static boolean describedStatementIsBound(List<FrontendMessage> messages, Bind bind) {
    for (FrontendMessage message : messages) {
      if (message instanceof Describe d && d.target() == Target.STATEMENT) {
        return d.name().equals(bind.statement());
      }
    }
    return false;
  }
}
