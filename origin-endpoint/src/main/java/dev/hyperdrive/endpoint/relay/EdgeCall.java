package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.cache.CachedResult;
import dev.hyperdrive.endpoint.cache.AnswerCapture;
import dev.hyperdrive.proto.relay.CacheAnswer;
import dev.hyperdrive.proto.relay.EndpointFrame;
import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import io.grpc.stub.ServerCallStreamObserver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The session's view of its gRPC call: frames out (chunked), flow control in both directions, and the
 * end of the call. Knows when the edge has stopped listening, so the session never talks to a dead call.
 * Used only on the session's loop.
 */
final class EdgeCall {
  private final ServerCallStreamObserver<EndpointFrame> call;
  private final EndpointFrameChunker chunker;
  private boolean edgeSending = true;
  private boolean edgeListening = true;
  private AnswerCapture capture;
  private Consumer<Optional<CachedResult>> captured;

  EdgeCall(ServerCallStreamObserver<EndpointFrame> call) {
    this.call = call;
    this.chunker = new EndpointFrameChunker(frame -> {
      if (edgeListening) {
        call.onNext(frame);
      }
    });
  }

  /** Queues an origin frame for the edge (ownership passes here). */
  void forward(ByteBuf frame) {
    if (capture != null && capture.accept(frame)) {
      Optional<CachedResult> result = capture.result();
      capture = null;
      captured.accept(result);
    }
    if (edgeListening) {
      chunker.add(frame);
    } else {
      frame.release();
    }
  }

  /** Queues a message the endpoint composed (an ErrorResponse, a ReadyForQuery). */
  void compose(PgMessage message) {
    forward(RelayFrames.encode(message));
  }

  /**
   * Copies everything sent to the edge from now until the next ReadyForQuery; {@code done} then hears
   * the entry to store (empty if the answer is not worth caching, or the call ends first). Everything
   * the edge receives passes here, relayed or composed (a pool-exhausted error), so the capture never
   * outlives its request.
   */
  void capture(AnswerCapture answer, Consumer<Optional<CachedResult>> done) {
    this.capture = answer;
    this.captured = done;
  }

  /** Sends a cached answer and ReadyForQuery 'I'; its first EndpointFrame says where it came from. */
  void answerFromCache(CachedResult result, CacheAnswer answer) {
    chunker.flush();
    chunker.annotateNext(answer);
    forward(Unpooled.wrappedBuffer(result.framesView()));
    compose(ReadyForQuery.IDLE);
    flush();
  }

  /** Sends what is queued; called at the end of each origin read, so a read becomes one EndpointFrame. */
  void flush() {
    chunker.flush();
  }

  /** Asks the edge for its next EdgeFrame. */
  void requestNext() {
    if (edgeSending && edgeListening) {
      call.request(1);
    }
  }

  /** Whether more output may be produced now; a call nobody listens to absorbs everything. */
  boolean isReady() {
    return !edgeListening || call.isReady();
  }

  boolean isListening() {
    return edgeListening;
  }

  /** The edge half-closed: no more EdgeFrames, but it still reads what we send. */
  void halfClosed() {
    edgeSending = false;
  }

  /** The edge cancelled the call: nothing more goes either way. */
  void cancelled() {
    edgeSending = false;
    edgeListening = false;
  }

  /**
   * Ends the call as the session's end says: its error, if any, is the last frame the client reads
   * (after whatever is queued); the call ends OK when its status is null.
   */
  void end(SessionEnd end) {
    if (edgeListening) {
      if (end.error() != null) {
        compose(end.error());
      }
      chunker.flush();
      edgeListening = false;
      if (end.status() == null) {
        call.onCompleted();
      } else {
        call.onError(end.status().asRuntimeException());
      }
    }
    chunker.discard();
    if (capture != null) {
      capture = null;
      captured.accept(Optional.empty());
    }
  }
}
