package dev.hyperdrive.edge.session;

import com.google.protobuf.ByteString;
import dev.hyperdrive.edge.cache.AnswerObserver;
import dev.hyperdrive.edge.relay.EndpointChannel;
import dev.hyperdrive.edge.relay.RelayStream;
import dev.hyperdrive.edge.statements.BatchDecision;
import dev.hyperdrive.edge.statements.EdgeStatements;
import dev.hyperdrive.proto.relay.CacheAnswer;
import dev.hyperdrive.proto.relay.CacheLookup;
import dev.hyperdrive.edge.statements.Expectation;
import dev.hyperdrive.proto.relay.SessionOpen;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.frontend.Sync;
import io.grpc.Status;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A session's side of its relay stream: opens it on the first forward, sends batches, writes what the
 * endpoint sends straight to the driver's socket and asks for the next frame only once those bytes are
 * written and the socket is writable, so a result of any size passes in bounded memory. Runs on the
 * driver channel's event loop.
 */
final class SessionRelay implements RelayStream.Listener, BackendStreamTracker.Listener {
  /** What the session hears from its relay. */
  interface Owner {
    /** Every forwarded request has been answered with ReadyForQuery. */
    void onRelayIdle();

    /** The stream can take more frames: resume reading the driver. */
    void onRelayReady();

    /** The endpoint answered CopyInResponse. */
    void onCopyIn();

    /** The stream died while the session still needed it. */
    void onRelayLost(String endpoint, String cause);

    /** The endpoint ended the stream; {@code reportedError} when its last message was an ErrorResponse. */
    void onRelayEnded(String endpoint, boolean reportedError);

    /** The origin reported a setting's new value. */
    void onParameterStatus(String name, String value);
  }

  private final ChannelHandlerContext driver;
  private final Supplier<EndpointChannel> endpointChooser;
  private final SessionOpen open;
  private final Owner owner;
  private final BackendStreamTracker tracker = new BackendStreamTracker(this);
  private final PendingAnswers pendingAnswers = new PendingAnswers();
  private final EdgeStatements statements;
  private RelayStream stream;
  private volatile EndpointChannel servingEndpoint;
  private boolean finished;
  private boolean awaitingWritable;
  private int readyForQueryOutstanding;
  private final OpenRequest openRequest = new OpenRequest();
  private TransactionStatus transactionStatus = TransactionStatus.IDLE;

  SessionRelay(ChannelHandlerContext driver, Supplier<EndpointChannel> endpointChooser, SessionOpen open,
      EdgeStatements statements, Owner owner) {
    this.driver = driver;
    this.statements = statements;
    this.endpointChooser = endpointChooser;
    this.open = open;
    this.owner = owner;
  }

  /**
   * Sends a planned batch, opening the stream with it if this is the session's first. Releases its frames.
   * {@code batch} says how many ReadyForQuery the driver's own requests will bring; {@code observer} watches
   * the answer the driver sees (injected requests' answers already filtered out).
   */
  void forward(BatchDecision.Forward planned, RequestBatcher.Batch batch, AnswerObserver observer) {
    if (batch.readyForQueryExpected() > 0) {
      pendingAnswers.expect(observer, batch.readyForQueryExpected());
    }
    statements.sent(planned);
    // The endpoint can answer from its tier only the driver's own request, nothing the edge injected.
    CacheLookup lookup = planned.frames() == batch.frames() ? observer.endpointLookup().orElse(null) : null;
    openRequest.sent(planned.frames(), batch.endsAtSyncPoint());
    try {
      if (stream == null) {
        EndpointChannel endpoint = endpointChooser.get();
        servingEndpoint = endpoint;
        stream = RelayStream.open(endpoint, open, planned.frames(), lookup, driver.channel().eventLoop(), this);
      } else {
        stream.send(planned.frames(), lookup);
      }
    } finally {
      planned.frames().release();
    }
    readyForQueryOutstanding += batch.readyForQueryExpected();
  }

  /**
   * The driver's request was answered without the origin while the origin holds an open request that only
   * prepared statements (Parse/Describe/Flush): end it with a Sync of the edge's own, whose ReadyForQuery
   * the driver never sees, so the origin connection goes back to the pool instead of staying pinned.
   */
  void endOpenRequest() {
    if (!openRequest.openAndOnlyPrepared() || stream == null || finished) {
      return;
    }
    ByteBuf sync = Unpooled.buffer(5);
    Sync.INSTANCE.encode(sync);
    statements.sent(new BatchDecision.Forward(sync, List.of(Expectation.injectedSync())));
    try {
      stream.send(sync);
    } finally {
      sync.release();
    }
    openRequest.ended();
  }

  /** Whether the driver may be read: no stream yet, or one with room for more. */
  boolean canTakeMore() {
    return stream == null || stream.isReady();
  }

  /** The origin owes this session nothing and holds no unfinished request of it. */
  boolean originSettled() {
    return !busy();
  }

  /** A request is on its way or being answered. */
  boolean busy() {
    return readyForQueryOutstanding > 0 || openRequest.open();
  }

  /**
   * Whether the origin still owes answers, skips requests after an error, or holds an open request that ran
   * something: then the session's
   * next request is not on its own (a cache answer would overtake answers, or a read would see what that
   * request did). A Flush-ended request that only prepared statements, answered in full, does not count:
   * postgres.js sends one before every new statement's first Bind/Execute/Sync.
   */
  boolean busyForCache() {
    return readyForQueryOutstanding > 0 || !statements.quiet() || openRequest.openAndRan();
  }

  TransactionStatus transactionStatus() {
    return transactionStatus;
  }

  Optional<EndpointChannel> servingEndpoint() {
    return Optional.ofNullable(servingEndpoint);
  }

  /** The driver's socket drained: take the next frame if one was held back. */
  void onDriverWritable() {
    if (awaitingWritable && stream != null && !finished) {
      awaitingWritable = false;
      stream.requestNext();
    }
  }

  /** The driver said Terminate: half-close so the endpoint releases the session cleanly. */
  void terminate() {
    pendingAnswers.abandonAll();
    if (stream != null && !finished) {
      finished = true;
      stream.halfClose();
    }
  }

  /** The driver is gone: cancel work in progress, or close quietly when there is none. */
  void abandon() {
    pendingAnswers.abandonAll();
    if (stream != null && !finished) {
      finished = true;
      if (busy() || transactionStatus != TransactionStatus.IDLE) {
        stream.cancel("driver disconnected");
      } else {
        stream.halfClose();
      }
    }
  }

  @Override
  public void onBackendBytes(ByteString bytes) {
    if (finished) {
      return;
    }
    List<ByteBuffer> buffers = bytes.asReadOnlyByteBufferList();
    ByteBuf visible;
    try {
      visible = statements.responses().filter(Unpooled.wrappedBuffer(buffers.toArray(new ByteBuffer[0])));
    } catch (ProtocolException malformed) {
      lose("it sent malformed protocol data (" + malformed.getMessage() + ")");
      return;
    }
    if (!visible.isReadable()) {
      // Everything in this frame was for the edge (answers to requests it injected): ask for the next.
      visible.release();
      stream.requestNext();
      return;
    }
    ByteBuffer[] scanned = visible.nioBuffers();
    // The cache sees exactly what the driver sees, never the answers to requests the edge injected.
    pendingAnswers.onBytes(scanned);
    driver.writeAndFlush(visible.retain());
    try {
      tracker.scan(scanned);
    } catch (ProtocolException malformed) {
      lose("it sent malformed protocol data (" + malformed.getMessage() + ")");
      return;
    } finally {
      visible.release();
    }
    requestNextWhileDriverKeepsUp();
  }

  /**
   * Asks for the next frame at once while the driver's socket keeps up (its outbound buffer is under
   * Netty's high-water mark), else once it drains ({@link #onDriverWritable}). Waiting for each write to
   * complete instead would stall the stream for two thread hops per frame; this way what a session holds
   * stays bounded by one frame plus the channel's high-water mark.
   */
  private void requestNextWhileDriverKeepsUp() {
    if (finished) {
      return;
    }
    if (driver.channel().isWritable()) {
      stream.requestNext();
    } else {
      awaitingWritable = true;
    }
  }

  @Override
  public void onCacheAnswer(CacheAnswer answer) {
    if (!finished) {
      pendingAnswers.onCacheAnswer(answer);
    }
  }

  @Override
  public void onReady() {
    if (!finished) {
      owner.onRelayReady();
    }
  }

  @Override
  public void onFailed(Status status) {
    if (!finished) {
      lose(RelayFailures.describe(status));
    }
  }

  @Override
  public void onCompleted() {
    if (!finished) {
      finished = true;
      pendingAnswers.abandonAll();
      owner.onRelayEnded(servingEndpoint.name(), tracker.lastWasError());
    }
  }

  @Override
  public void onReadyForQuery(TransactionStatus status) {
    transactionStatus = status;
    pendingAnswers.onReadyForQuery(status);
    if (readyForQueryOutstanding > 0) {
      readyForQueryOutstanding--;
    }
    if (!busy()) {
      owner.onRelayIdle();
    }
  }

  @Override
  public void onCopyInResponse() {
    owner.onCopyIn();
  }

  @Override
  public void onErrorResponse() {
    pendingAnswers.onErrorResponse();
  }

  @Override
  public void onParameterStatus(String name, String value) {
    owner.onParameterStatus(name, value);
  }

  private void lose(String cause) {
    finished = true;
    pendingAnswers.abandonAll();
    if (stream != null) {
      stream.cancel(cause);
    }
    owner.onRelayLost(servingEndpoint.name(), cause);
  }
}
