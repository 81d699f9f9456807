package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.cache.FunctionRow;
import dev.hyperdrive.endpoint.cache.EndpointResultCache;
import dev.hyperdrive.endpoint.cache.OriginFunctions;
import dev.hyperdrive.endpoint.pool.OriginPool;
import dev.hyperdrive.proto.relay.CancelReply;
import dev.hyperdrive.proto.relay.CatalogFunction;
import dev.hyperdrive.proto.relay.CancelRequest;
import dev.hyperdrive.proto.relay.DescribeOriginReply;
import dev.hyperdrive.proto.relay.DescribeOriginRequest;
import dev.hyperdrive.proto.relay.EdgeFrame;
import dev.hyperdrive.proto.relay.EndpointFrame;
import dev.hyperdrive.proto.relay.Parameter;
import dev.hyperdrive.proto.relay.RelayGrpc;
import dev.hyperdrive.wire.MessageLimits;
import dev.hyperdrive.wire.backend.ParameterStatus;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * The endpoint's side of relay.proto: one {@link RelaySession} per Session stream, Cancel routed to the
 * session it names, DescribeOrigin answered from the pool's cached startup parameters and the origin's
 * function catalog (read at most once a minute).
 */
public final class RelayService extends RelayGrpc.RelayImplBase {
  private final OriginPools pools;
  private final EventLoopGroup sessionLoops;
  private final MessageLimits limits;
  /** Bytes queued on a call before it stops being ready: two full relay chunks. */
  static final int ON_READY_THRESHOLD_BYTES = 2 * EndpointFrameChunker.MAX_CHUNK;

  private final SessionRegistry registry = new SessionRegistry();
  private final EndpointResultCache cache;
  private final OriginFunctions functions = new OriginFunctions();
  private final LongAdder sessionsStarted = new LongAdder();

  /**
   * @param sessionLoops each session runs all its events on one loop of this group
   * @param cache the endpoint's cache tier, shared by all sessions
   */
  public RelayService(OriginPools pools, EventLoopGroup sessionLoops, MessageLimits limits, EndpointResultCache cache) {
    this.pools = pools;
    this.sessionLoops = sessionLoops;
    this.limits = limits;
    this.cache = cache;
  }

  /** Sessions currently open, for drain on shutdown and for tests. */
  public int openSessions() {
    return registry.size();
  }

  /** Relay sessions (edge streams) started since the endpoint started. */
  public long sessionsStarted() {
    return sessionsStarted.sum();
  }

  @Override
  public StreamObserver<EdgeFrame> session(StreamObserver<EndpointFrame> responseObserver) {
    ServerCallStreamObserver<EndpointFrame> call = (ServerCallStreamObserver<EndpointFrame>) responseObserver;
    // Manual flow control: the next EdgeFrame is requested only once the origin has taken the last one.
    call.disableAutoRequest();
    // Room for a few origin reads in flight towards the edge, so the next read is issued while the last
    // chunk is still being written; gRPC's default of 32 KiB stalls a stream after every read.
    call.setOnReadyThreshold(ON_READY_THRESHOLD_BYTES);
    sessionsStarted.increment();
    EventLoop loop = sessionLoops.next();
    RelaySession session = new RelaySession(call, loop, pools, registry, limits, cache);
    call.setOnReadyHandler(() -> session.execute(session::callReady));
    call.setOnCancelHandler(() -> session.execute(session::edgeCancelled));
    call.request(1);
    return new StreamObserver<>() {
      @Override
      public void onNext(EdgeFrame frame) {
        session.execute(() -> session.edgeFrame(frame));
      }

      @Override
      public void onError(Throwable t) {
        session.execute(session::edgeCancelled);
      }

      @Override
      public void onCompleted() {
        session.execute(session::edgeHalfClosed);
      }
    };
  }

  @Override
  public void cancel(CancelRequest request, StreamObserver<CancelReply> reply) {
    registry.find(request.getDatabase(), request.getSessionId()).ifPresentOrElse(
        session -> session.cancelQuery().whenComplete((delivered, failure) -> {
          reply.onNext(CancelReply.newBuilder().setDelivered(Boolean.TRUE.equals(delivered)).build());
          reply.onCompleted();
        }),
        () -> {
          reply.onNext(CancelReply.newBuilder().setDelivered(false).build());
          reply.onCompleted();
        });
  }

  @Override
  public void describeOrigin(DescribeOriginRequest request, StreamObserver<DescribeOriginReply> reply) {
    OriginPool pool = pools.pool(request.getDatabase());
    if (pool == null) {
      reply.onError(Status.NOT_FOUND.withDescription("database " + request.getDatabase()
          + " is not served by endpoint site " + pools.site()).asRuntimeException());
      return;
    }
    pool.originParameters().whenComplete((parameters, failure) -> {
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        reply.onError(Status.UNAVAILABLE.withDescription(cause.getMessage()).withCause(cause).asRuntimeException());
        return;
      }
      // Without the catalog the edge still connects drivers; it judges by PostgreSQL's builtins meanwhile.
      functions.of(pool).handle((rows, unreadable) -> {
        reply.onNext(describe(parameters, unreadable == null ? rows : null));
        reply.onCompleted();
        return null;
      });
    });
  }

  private static DescribeOriginReply describe(List<ParameterStatus> parameters, List<FunctionRow> catalogOrNull) {
    DescribeOriginReply.Builder reply = DescribeOriginReply.newBuilder();
    for (ParameterStatus parameter : parameters) {
      reply.addParameters(Parameter.newBuilder().setName(parameter.name()).setValue(parameter.value()));
    }
    if (catalogOrNull != null) {
      reply.setFunctionsKnown(true);
      for (FunctionRow row : catalogOrNull) {
        reply.addFunctions(CatalogFunction.newBuilder().setSchema(row.schema()).setName(row.name())
            .setProvolatile(String.valueOf(row.volatility().provolatile())));
      }
    }
    return reply.build();
  }
}
