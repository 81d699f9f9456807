package dev.hyperdrive.endpoint;

import com.google.protobuf.ByteString;
import dev.hyperdrive.proto.relay.CacheAnswer;
import dev.hyperdrive.proto.relay.CacheLookup;
import dev.hyperdrive.proto.relay.EdgeFrame;
import dev.hyperdrive.proto.relay.EndpointFrame;
import dev.hyperdrive.proto.relay.Parameter;
import dev.hyperdrive.proto.relay.RelayGrpc;
import dev.hyperdrive.proto.relay.SessionOpen;
import dev.hyperdrive.wire.Direction;
import dev.hyperdrive.wire.MessageLimits;
import dev.hyperdrive.wire.PgFrameDecoder;
import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.BackendDecoder;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.frontend.Query;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The edge's half of one Session stream, for tests: sends frontend messages (the first batch carries
 * SessionOpen), re-frames and decodes what the endpoint sends back.
 */
final class RelayStream implements AutoCloseable {
  private final BlockingQueue<BackendMessage> received = new LinkedBlockingQueue<>();
  private final BlockingQueue<CacheAnswer> cacheAnswers = new LinkedBlockingQueue<>();
  private final CompletableFuture<Status> ended = new CompletableFuture<>();
  private final EmbeddedChannel framer;
  private final SessionOpen open;
  private ClientCallStreamObserver<EdgeFrame> requests;
  private boolean opened;

  RelayStream(ManagedChannel channel, String database, String sessionId) {
    this(channel, database, sessionId, Map.of());
  }

  /** @param startupParameters the driver's StartupMessage parameters, as the edge relays them */
  RelayStream(ManagedChannel channel, String database, String sessionId, Map<String, String> startupParameters) {
    SessionOpen.Builder builder = SessionOpen.newBuilder().setDatabase(database).setSessionId(sessionId)
        .setEdgeSite("test-edge");
    startupParameters.forEach((name, value) -> builder.addStartupParameters(
        Parameter.newBuilder().setName(name).setValue(value)));
    this.open = builder.build();
    this.framer = new EmbeddedChannel(new PgFrameDecoder(Direction.BACKEND, MessageLimits.DEFAULT),
        new ChannelInboundHandlerAdapter() {
          @Override
          public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            ByteBuf frame = (ByteBuf) msg;
            try {
              received.add(BackendDecoder.decode(frame));
            } finally {
              frame.release();
            }
          }
        });
    RelayGrpc.newStub(channel).session(new ClientResponseObserver<EdgeFrame, EndpointFrame>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<EdgeFrame> requestStream) {
        requests = requestStream;
      }

      @Override
      public void onNext(EndpointFrame frame) {
        if (frame.hasCacheAnswer()) {
          cacheAnswers.add(frame.getCacheAnswer());
        }
        framer.writeInbound(Unpooled.wrappedBuffer(frame.getFrames().toByteArray()));
      }

      @Override
      public void onError(Throwable t) {
        ended.complete(Status.fromThrowable(t));
      }

      @Override
      public void onCompleted() {
        ended.complete(Status.OK);
      }
    });
  }

  /** Sends the messages as one EdgeFrame (the first one also carries SessionOpen). */
  RelayStream send(PgMessage... messages) {
    ByteBuf bytes = Unpooled.buffer();
    for (PgMessage message : messages) {
      message.encode(bytes);
    }
    byte[] array = new byte[bytes.readableBytes()];
    bytes.readBytes(array);
    return sendBytes(ByteString.copyFrom(array));
  }

  RelayStream sendBytes(ByteString bytes) {
    return sendFrame(EdgeFrame.newBuilder().setFrames(bytes));
  }

  /** Sends the messages as one EdgeFrame that asks the endpoint's cache tier first, as an edge does. */
  RelayStream sendWithLookup(CacheLookup lookup, PgMessage... messages) {
    ByteBuf bytes = Unpooled.buffer();
    for (PgMessage message : messages) {
      message.encode(bytes);
    }
    return sendFrame(EdgeFrame.newBuilder().setFrames(ByteString.copyFrom(bytes.nioBuffer())).setCacheLookup(lookup));
  }

  /** The cache answers received so far, oldest first (each came with an answer served from the tier). */
  List<CacheAnswer> cacheAnswers() {
    return List.copyOf(cacheAnswers);
  }

  private RelayStream sendFrame(EdgeFrame.Builder frame) {
    if (!opened) {
      frame.setOpen(open);
      opened = true;
    }
    synchronized (this) {
      requests.onNext(frame.build());
    }
    return this;
  }

  /** The next message; fails fast if the stream has ended with nothing more to read. */
  BackendMessage next() throws InterruptedException {
    for (int waited = 0; waited < 30_000; waited += 50) {
      BackendMessage message = received.poll(50, TimeUnit.MILLISECONDS);
      if (message != null) {
        return message;
      }
      if (ended.isDone() && received.isEmpty()) {
        throw new AssertionError("the stream ended (" + ended.join() + ") before the next backend message");
      }
    }
    throw new AssertionError("no backend message within 30 s");
  }

  /** Skips to the next ErrorResponse (a query's RowDescription may come first). */
  ErrorResponse nextError() throws InterruptedException {
    BackendMessage message;
    do {
      message = next();
    } while (!(message instanceof ErrorResponse));
    return (ErrorResponse) message;
  }

  /** Null if nothing arrives within {@code millis}. */
  BackendMessage poll(long millis) throws InterruptedException {
    return received.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Every message through the next ReadyForQuery. */
  List<BackendMessage> untilReady() throws InterruptedException {
    List<BackendMessage> messages = new ArrayList<>();
    BackendMessage message;
    do {
      message = next();
      messages.add(message);
    } while (!(message instanceof ReadyForQuery));
    return messages;
  }

  /** Runs a simple query and returns its messages through ReadyForQuery. */
  List<BackendMessage> query(String sql) throws InterruptedException {
    send(new Query(sql));
    return untilReady();
  }

  static TransactionStatus status(List<BackendMessage> messages) {
    return ((ReadyForQuery) messages.get(messages.size() - 1)).status();
  }

  static ErrorResponse error(List<BackendMessage> messages) {
    return messages.stream().filter(m -> m instanceof ErrorResponse).map(m -> (ErrorResponse) m)
        .findFirst().orElseThrow(() -> new AssertionError("no ErrorResponse in " + messages));
  }

  void halfClose() {
    requests.onCompleted();
  }

  void cancel() {
    requests.cancel("test cancels the stream", null);
  }

  Status awaitEnd() throws Exception {
    return ended.get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (!ended.isDone()) {
      requests.cancel("test done", null);
    }
    framer.finishAndReleaseAll();
  }
}
