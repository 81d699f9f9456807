package dev.hyperdrive.endpoint.session;

import dev.hyperdrive.endpoint.origin.OriginConnection;
import dev.hyperdrive.wire.Frames;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.Wire;
import dev.hyperdrive.wire.backend.BackendDecoder;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.CommandComplete;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ParameterStatus;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client session's settings across the origin connections that serve it (DESIGN.md §4): startup
 * settings and session-level SET/RESET are tracked, made permanent or undone as their transactions end,
 * and applied to each connection the client is given (only what differs from that connection's state).
 * Statements that cannot work on a shared connection are swapped for one that raises 0A000. The relay
 * session calls in at checkout, on each frame sent and received, and at release; all on its event loop.
 */
public final class SessionState {
  private static final Logger log = LoggerFactory.getLogger(SessionState.class);

  private final Map<String, String> startup;
  private final ClientSettings client;
  private final ReportedParameters reported = new ReportedParameters();
  private final ExecutionQueue queue = new ExecutionQueue();
  private OriginConnection connection;
  private Map<String, String> connectionDefaults = Map.of();
  private AlignmentStep alignment;

  /** @param startupParameters the driver's StartupMessage parameters (SessionOpen), in its order */
  public SessionState(Map<String, String> startupParameters) {
    this.startup = StartupSettings.parse(startupParameters);
    this.client = new ClientSettings(startup);
  }

  /**
   * A connection was checked out for this client. Returns a Query frame to run on it first, whose
   * answers go to {@link #alignmentAnswer}; or null when the connection already has the right settings.
   */
  public ByteBuf checkedOut(OriginConnection newConnection) {
    connection = newConnection;
    connectionDefaults = ReportedParameters.byLowerCaseName(newConnection.startupParameters());
    reported.initialize(newConnection.startupParameters(), startup);
    queue.reset();
    String sql = newConnection.settings().alignmentSql(client, connectionDefaults);
    if (sql == null) {
      return null;
    }
    log.debug("aligning {} ({}): {}", newConnection, newConnection.settings(), sql);
    alignment = new AlignmentStep(reported);
    return FrontendFrames.encode(new Query(sql));
  }

  /** Takes one answer to the alignment Query; client-visible frames go to {@code toClient}. True at its end. */
  public boolean alignmentAnswer(ByteBuf frame, List<ByteBuf> toClient) {
    if (!alignment.answer(frame, toClient)) {
      return false;
    }
    if (alignment.failure() == null) {
      connection.settings().aligned(client, connectionDefaults);
    }
    return true;
  }

  /** After {@link #alignmentAnswer} returned true: null on success, else the FATAL error for the client. */
  public ErrorResponse alignmentFailure() {
    ErrorResponse failure = alignment.failure();
    alignment = null;
    return failure;
  }

  /**
   * Client frames about to go to the origin: records what each statement may change, and replaces a
   * Query or Parse holding an unsupported statement by one raising 0A000. Owns and returns the frames.
   */
  public List<ByteBuf> sending(List<ByteBuf> frames) {
    List<ByteBuf> sent = new ArrayList<>(frames.size());
    for (ByteBuf frame : frames) {
      try {
        sent.add(track(frame));
      } catch (ProtocolException e) {
        sent.add(frame); // malformed: the origin will say so
      }
    }
    return sent;
  }

  /**
   * Client frames answered without the origin (Parses of statements it already knows): only what each
   * named statement will do when executed later is learnt; nothing is owed.
   */
  public void answeredWithoutOrigin(List<ByteBuf> frames) {
    for (ByteBuf frame : frames) {
      if (Frames.tag(frame) == Parse.TAG) {
        try {
          Parse parse = FrontendFrames.parse(frame);
          queue.parse(parse.statement(), StatementAnalysis.of(parse.query()));
        } catch (ProtocolException e) {
          // the prepared-statement layer answered it; a malformed one is not ours to judge
        }
      }
    }
  }

  private ByteBuf track(ByteBuf frame) throws ProtocolException {
    switch (Frames.tag(frame)) {
      case 'Q': {
        String sql = FrontendFrames.leadingStrings(frame, 1)[0];
        StatementAnalysis analysis = StatementAnalysis.of(sql);
        queue.query(analysis);
        return analysis.rewrittenSql() == null ? frame : replace(frame, FrontendFrames.encode(new Query(analysis.rewrittenSql())));
      }
      case 'P': {
        Parse parse = FrontendFrames.parse(frame);
        StatementAnalysis analysis = StatementAnalysis.of(parse.query());
        queue.parse(parse.statement(), analysis);
        return analysis.rewrittenSql() == null ? frame
            : replace(frame, FrontendFrames.encode(new Parse(parse.statement(), analysis.rewrittenSql(), parse.parameterTypes())));
      }
      case 'B': {
        String[] names = FrontendFrames.leadingStrings(frame, 2);
        queue.bind(names[0], names[1]);
        return frame;
      }
      case 'E':
        queue.execute(FrontendFrames.leadingStrings(frame, 1)[0]);
        return frame;
      case 'S':
        queue.sync();
        return frame;
      case 'F':
        queue.functionCall();
        return frame;
      case 'c':
      case 'f':
        queue.copyEndSent();
        return frame;
      default:
        return frame;
    }
  }

  private static ByteBuf replace(ByteBuf original, ByteBuf replacement) {
    original.release();
    return replacement;
  }

  /** An origin frame on its way to the client (not released here). */
  public void received(ByteBuf frame) {
    byte tag = Frames.tag(frame);
    switch (tag) {
      case CommandComplete.TAG:
        BackendMessage complete = decode(frame);
        if (complete instanceof CommandComplete) {
          commit(queue.commandComplete(((CommandComplete) complete).tag()));
        }
        break;
      case 'I': // EmptyQueryResponse
      case 's': // PortalSuspended
        queue.nothingCompleted();
        break;
      case ErrorResponse.TAG:
        queue.error();
        break;
      case ReadyForQuery.TAG:
        commit(queue.readyForQuery(frame.getByte(frame.readerIndex() + Wire.HEADER_LENGTH) == TransactionStatus.IDLE.code()));
        break;
      case 'G': // CopyInResponse
        queue.copyInStarted();
        break;
      case ParameterStatus.TAG:
        BackendMessage parameter = decode(frame);
        if (parameter instanceof ParameterStatus) {
          reported.clientSaw((ParameterStatus) parameter);
        }
        break;
      default:
        break;
    }
  }

  private void commit(List<SettingChange> changes) {
    for (SettingChange change : changes) {
      client.apply(change);
      if (connection != null) {
        connection.settings().apply(change);
      }
    }
    if (queue.takeInconsistency() && connection != null) {
      log.debug("{}: an answer did not match the statements sent; its settings will be reset before reuse", connection);
      connection.settings().markUnknown();
    }
  }

  /** The connection went back to the pool (or was discarded). */
  public void released() {
    connection = null;
    queue.reset();
  }

  /** Null for a malformed frame: the relay forwards it as it is, and the driver judges it. */
  private static BackendMessage decode(ByteBuf frame) {
    try {
      return BackendDecoder.decode(frame.duplicate());
    } catch (ProtocolException e) {
      return null;
    }
  }
}
