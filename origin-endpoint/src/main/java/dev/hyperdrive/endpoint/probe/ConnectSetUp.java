package dev.hyperdrive.endpoint.probe;

import dev.hyperdrive.endpoint.origin.OriginConnectException;
import dev.hyperdrive.endpoint.origin.OriginConnection;
import dev.hyperdrive.endpoint.origin.OriginConnector;
import dev.hyperdrive.endpoint.origin.OriginListener;
import dev.hyperdrive.proto.probe.ConnectFailure;
import dev.hyperdrive.proto.probe.FailureKind;
import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.backend.BackendDecoder;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ParameterStatus;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Terminate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * One timed set-up of the connect probe (probe.proto): TCP, TLS and login through the
 * {@link OriginConnector}, then the empty query {@code Query("")} up to its ReadyForQuery, then
 * Terminate and close. The clock runs from before name resolution to that ReadyForQuery; the result
 * completes once the connection is closed, so set-ups run one after another never overlap. Nothing
 * blocks: after {@link #start()} every step runs on the origin connection's event loop.
 */
final class ConnectSetUp implements OriginListener {
  private enum State { CONNECTING, QUERYING, CLOSING, DONE }

  private static final String SERVER_VERSION = "server_version";

  private final OriginConnector connector;
  private final Duration timeout;
  private final CompletableFuture<SetUpResult> result = new CompletableFuture<>();
  private State state = State.CONNECTING;
  private long startedAtNanos;
  private String serverVersion = "";
  private ErrorResponse queryError;
  private SetUpResult outcome;
  private ScheduledFuture<?> queryTimer;

  /**
   * @param connector opens connections with {@code timeout} as its connect timeout (TCP + TLS + login)
   * @param timeout bound on the whole set-up, the empty query included
   */
  ConnectSetUp(OriginConnector connector, Duration timeout) {
    this.connector = connector;
    this.timeout = timeout;
  }

  CompletableFuture<SetUpResult> start() {
    startedAtNanos = System.nanoTime();
    try {
      connector.connect().whenComplete(this::connected);
    } catch (RuntimeException e) {
      connected(null, e);
    }
    return result;
  }

  private void connected(OriginConnection connection, Throwable failure) {
    if (failure != null) {
      state = State.DONE;
      result.complete(SetUpResult.failed(classify(failure)));
      return;
    }
    state = State.QUERYING;
    connection.listener(this);
    for (ParameterStatus parameter : connection.startupParameters()) {
      if (parameter.name().equals(SERVER_VERSION)) {
        serverVersion = parameter.value();
      }
    }
    long remainingNanos = Math.max(0, timeout.toNanos() - (System.nanoTime() - startedAtNanos));
    queryTimer = connection.eventLoop().schedule(() -> queryTimedOut(connection), remainingNanos, TimeUnit.NANOSECONDS);
    connection.write(List.of(encode(new Query(""))));
    connection.requestRead();
  }

  @Override
  public void onFrames(OriginConnection connection, List<ByteBuf> frames) {
    try {
      for (ByteBuf frame : frames) {
        if (state == State.QUERYING) {
          onMessage(connection, BackendDecoder.decode(frame));
        }
      }
    } catch (ProtocolException e) {
      finish(connection, SetUpResult.failed(FailureClassifier.failure(FailureKind.OTHER,
          "the origin broke the protocol answering the empty query: " + e.getMessage())));
    } finally {
      frames.forEach(ByteBuf::release);
    }
    if (state == State.QUERYING) {
      connection.requestRead();
    }
  }

  private void onMessage(OriginConnection connection, BackendMessage message) {
    if (message instanceof ErrorResponse) {
      queryError = (ErrorResponse) message;
    } else if (message instanceof ReadyForQuery) {
      long setupMicros = (System.nanoTime() - startedAtNanos) / 1_000;
      finish(connection, queryError == null ? SetUpResult.succeeded(setupMicros, serverVersion)
          : SetUpResult.failed(FailureClassifier.failure(FailureKind.OTHER, queryError.message()).toBuilder()
              .setSqlstate(queryError.sqlState()).build()));
    }
    // EmptyQueryResponse, and any NoticeResponse or ParameterStatus, need nothing.
  }

  private void queryTimedOut(OriginConnection connection) {
    if (state == State.QUERYING) {
      finish(connection, SetUpResult.failed(FailureClassifier.failure(FailureKind.TIMEOUT,
          "logged in, but no answer to an empty query within " + timeout.toMillis() + " ms")));
    }
  }

  /** Says goodbye properly (no "unexpected EOF" in the origin's log) and completes once closed. */
  private void finish(OriginConnection connection, SetUpResult setUp) {
    state = State.CLOSING;
    outcome = setUp;
    queryTimer.cancel(false);
    connection.write(List.of(encode(Terminate.INSTANCE))).addListener(written -> connection.close());
  }

  @Override
  public void onWritabilityChanged(OriginConnection connection) {
    // Two small frames are all this connection ever writes.
  }

  @Override
  public void onClosed(OriginConnection connection, Throwable cause) {
    if (state == State.QUERYING) {
      queryTimer.cancel(false);
      outcome = SetUpResult.failed(FailureClassifier.failure(FailureKind.OTHER,
          "the origin closed the connection before answering an empty query"
              + (cause == null ? "" : ": " + cause.getMessage())));
    }
    state = State.DONE;
    result.complete(outcome);
  }

  private static ByteBuf encode(PgMessage message) {
    ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
    message.encode(out);
    return out;
  }

  private static ConnectFailure classify(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof OriginConnectException) {
      return FailureClassifier.classify((OriginConnectException) cause);
    }
    return FailureClassifier.failure(FailureKind.OTHER, String.valueOf(cause));
  }
}
