package dev.hyperdrive.endpoint;

import dev.hyperdrive.proto.relay.EdgeFrame;
import dev.hyperdrive.proto.relay.EndpointFrame;
import dev.hyperdrive.proto.relay.RelayGrpc;
import dev.hyperdrive.proto.relay.SessionOpen;
import dev.hyperdrive.wire.frontend.Query;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Session stream that runs one large query and only counts the bytes that come back, with manual
 * flow control: the test decides when the next EndpointFrame may come, as a slow driver would.
 */
final class CountingStream implements AutoCloseable {
  /** ReadyForQuery 'I', the last frame of a finished simple query. */
  private static final byte[] READY_IDLE = {'Z', 0, 0, 0, 5, 'I'};

  private final AtomicLong bytes = new AtomicLong();
  private final CountDownLatch done = new CountDownLatch(1);
  private final byte[] tail = new byte[READY_IDLE.length];
  private volatile boolean unlimited;
  private ClientCallStreamObserver<EdgeFrame> call;

  CountingStream(ManagedChannel channel, String database, String sql) {
    RelayGrpc.newStub(channel).session(new ClientResponseObserver<EdgeFrame, EndpointFrame>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<EdgeFrame> requestStream) {
        call = requestStream;
        requestStream.disableAutoRequestWithInitial(1);
      }

      @Override
      public void onNext(EndpointFrame frame) {
        ByteString chunk = frame.getFrames();
        bytes.addAndGet(chunk.size());
        remember(chunk);
        if (endsWithReadyForQuery()) {
          done.countDown();
        } else if (unlimited) {
          call.request(1);
        }
      }

      @Override
      public void onError(Throwable t) {
        done.countDown();
      }

      @Override
      public void onCompleted() {
        done.countDown();
      }
    });
    ByteBuf query = Unpooled.buffer();
    new Query(sql).encode(query);
    byte[] array = new byte[query.readableBytes()];
    query.readBytes(array);
    call.onNext(EdgeFrame.newBuilder()
        .setOpen(SessionOpen.newBuilder().setDatabase(database).setSessionId("counting").setEdgeSite("test"))
        .setFrames(ByteString.copyFrom(array)).build());
  }

  long bytes() {
    return bytes.get();
  }

  /** Stops holding back: every further EndpointFrame is requested as soon as one arrives. */
  void readFreely() {
    unlimited = true;
    call.request(1);
  }

  boolean awaitReady(long seconds) throws InterruptedException {
    return done.await(seconds, TimeUnit.SECONDS) && endsWithReadyForQuery();
  }

  private synchronized void remember(ByteString chunk) {
    int keep = Math.min(chunk.size(), tail.length);
    System.arraycopy(tail, keep, tail, 0, tail.length - keep);
    chunk.substring(chunk.size() - keep).copyTo(tail, tail.length - keep);
  }

  private synchronized boolean endsWithReadyForQuery() {
    return java.util.Arrays.equals(tail, READY_IDLE);
  }

  @Override
  public void close() {
    call.onCompleted();
  }
}
