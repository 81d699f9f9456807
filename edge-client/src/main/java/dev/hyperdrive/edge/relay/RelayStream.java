package dev.hyperdrive.edge.relay;

import com.google.protobuf.ByteString;
import dev.hyperdrive.proto.relay.CacheAnswer;
import dev.hyperdrive.proto.relay.CacheLookup;
import dev.hyperdrive.proto.relay.EdgeFrame;
import dev.hyperdrive.proto.relay.EndpointFrame;
import dev.hyperdrive.proto.relay.RelayGrpc;
import dev.hyperdrive.proto.relay.SessionOpen;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One client session's {@code Session} stream to an endpoint, with manual flow control both ways:
 * the endpoint may send one frame at a time ({@link #requestNext()} asks for the next once the
 * previous one has reached the driver), and the session reads from the driver only while
 * {@link #isReady()}.
 *
 * <p>All methods must be called, and every {@link Listener} callback runs, on the executor given to
 * {@link #open} (the driver channel's event loop), so the session needs no locks.
 */
public final class RelayStream {
  /** What the session hears from the stream; called on the session's event loop. */
  public interface Listener {
    /** Backend frame bytes, in order. Call {@link #requestNext()} once they have been written out. */
    void onBackendBytes(ByteString bytes);

    /** The stream can take more frames without buffering. */
    void onReady();

    /** The stream ended with an error (endpoint gone, deadline, reset). */
    void onFailed(Status status);

    /** The endpoint ended the stream normally. */
    void onCompleted();

    /** The endpoint answered a request from its cache tier; the answer's bytes follow at once. */
    default void onCacheAnswer(CacheAnswer answer) {
    }
  }

  private final EndpointChannel endpoint;
  private final ClientCallStreamObserver<EdgeFrame> requests;
  private boolean halfClosed;

  private RelayStream(EndpointChannel endpoint, ClientCallStreamObserver<EdgeFrame> requests) {
    this.endpoint = endpoint;
    this.requests = requests;
  }

  /**
   * Opens the stream on the endpoint's existing channel and sends {@code open} together with the
   * first batch ("SYN with payload"). Does not take ownership of {@code firstBatch}.
   */
  public static RelayStream open(EndpointChannel endpoint, SessionOpen open, ByteBuf firstBatch,
      Executor eventLoop, Listener listener) {
    return open(endpoint, open, firstBatch, null, eventLoop, listener);
  }

  /** As {@link #open(EndpointChannel, SessionOpen, ByteBuf, Executor, Listener)}, asking the endpoint's cache too. */
  public static RelayStream open(EndpointChannel endpoint, SessionOpen open, ByteBuf firstBatch, CacheLookup lookup,
      Executor eventLoop, Listener listener) {
    Observer observer = new Observer(endpoint, listener);
    RelayGrpc.newStub(endpoint.channel()).withExecutor(eventLoop).session(observer);
    RelayStream stream = new RelayStream(endpoint, observer.requests);
    stream.send(open, firstBatch, lookup);
    return stream;
  }

  public String endpointName() {
    return endpoint.name();
  }

  public EndpointChannel endpoint() {
    return endpoint;
  }

  /** Sends whole frontend frames, cut into relay chunks. Does not take ownership of {@code frames}. */
  public void send(ByteBuf frames) {
    send(null, frames, null);
  }

  /**
   * Sends one request the edge's cache missed, with the lookup for the endpoint's tier (dropped when the
   * request does not fit one chunk: the endpoint answers only requests it holds whole).
   */
  public void send(ByteBuf frames, CacheLookup lookup) {
    send(null, frames, lookup);
  }

  private void send(SessionOpen open, ByteBuf frames, CacheLookup lookup) {
    if (halfClosed) {
      throw new IllegalStateException("relay stream already half-closed");
    }
    List<ByteString> chunks = FrameChunker.cut(frames, FrameChunker.MAX_CHUNK);
    if (chunks.isEmpty() && open != null) {
      requests.onNext(EdgeFrame.newBuilder().setOpen(open).build());
      return;
    }
    for (int i = 0; i < chunks.size(); i++) {
      EdgeFrame.Builder frame = EdgeFrame.newBuilder().setFrames(chunks.get(i));
      if (i == 0 && open != null) {
        frame.setOpen(open);
      }
      if (lookup != null && chunks.size() == 1) {
        frame.setCacheLookup(lookup);
      }
      requests.onNext(frame.build());
    }
  }

  public boolean isReady() {
    return !halfClosed && requests.isReady();
  }

  /** Lets the endpoint send the next frame. */
  public void requestNext() {
    requests.request(1);
  }

  /** The driver said Terminate: no more frames will come from this session. */
  public void halfClose() {
    if (!halfClosed) {
      halfClosed = true;
      requests.onCompleted();
    }
  }

  /** The driver went away mid-request: tell the endpoint to stop work on this session's behalf. */
  public void cancel(String reason) {
    halfClosed = true;
    requests.cancel(reason, null);
  }

  private static final class Observer implements ClientResponseObserver<EdgeFrame, EndpointFrame> {
    private final EndpointChannel endpoint;
    private final Listener listener;
    private ClientCallStreamObserver<EdgeFrame> requests;

    Observer(EndpointChannel endpoint, Listener listener) {
      this.endpoint = endpoint;
      this.listener = listener;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<EdgeFrame> requestStream) {
      this.requests = requestStream;
      // One frame in flight: the next is requested only after this one reached the driver.
      requestStream.disableAutoRequestWithInitial(1);
      requestStream.setOnReadyHandler(listener::onReady);
    }

    @Override
    public void onNext(EndpointFrame frame) {
      if (frame.hasCacheAnswer()) {
        listener.onCacheAnswer(frame.getCacheAnswer());
      }
      listener.onBackendBytes(frame.getFrames());
    }

    @Override
    public void onError(Throwable error) {
      Status status = Status.fromThrowable(error);
      if (status.getCode() == Status.Code.UNAVAILABLE) {
        // The endpoint is gone or unreachable: new sessions go elsewhere until it is connected again.
        endpoint.health().onStreamUnavailable();
      }
      listener.onFailed(status);
    }

    @Override
    public void onCompleted() {
      listener.onCompleted();
    }
  }
}
