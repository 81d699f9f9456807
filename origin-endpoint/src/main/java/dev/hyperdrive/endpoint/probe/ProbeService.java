package dev.hyperdrive.endpoint.probe;

import dev.hyperdrive.proto.probe.MeasureConnectReply;
import dev.hyperdrive.proto.probe.MeasureConnectRequest;
import dev.hyperdrive.proto.probe.OriginSettings;
import dev.hyperdrive.proto.probe.ProbeGrpc;
import dev.hyperdrive.proto.probe.ValidateOriginReply;
import dev.hyperdrive.proto.probe.ValidateOriginRequest;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint site's connect probe (probe.proto), served next to the Relay: placement asks it to
 * validate a new database's origin and to measure how long a fresh pooled connection takes to set up
 * from this site. Set-ups use the same {@code OriginConnector} as the pool, on the endpoint's origin
 * event loops, and never block them; samples run one after another.
 */
public final class ProbeService extends ProbeGrpc.ProbeImplBase {
  private static final Logger log = LoggerFactory.getLogger(ProbeService.class);

  /** Samples when the request asks for 0. */
  public static final int DEFAULT_SAMPLES = 5;
  /** Most samples one call may ask for: bounds the work (and the origin connections) one call can cause. */
  public static final int MAX_SAMPLES = 50;
  /** Longest bound on one set-up a request may ask for. */
  public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

  private final String site;
  private final EventLoopGroup originLoops;
  private final Duration defaultTimeout;

  /**
   * @param site this endpoint's configured site name, reported in every reply
   * @param originLoops the endpoint's origin event loops, which set-ups run on
   * @param defaultTimeout bound on one set-up when the request gives none (the site's server_connect_timeout)
   */
  public ProbeService(String site, EventLoopGroup originLoops, Duration defaultTimeout) {
    this.site = site;
    this.originLoops = originLoops;
    this.defaultTimeout = defaultTimeout;
  }

  @Override
  public void validateOrigin(ValidateOriginRequest request, StreamObserver<ValidateOriginReply> reply) {
    ProbeTarget target = target(request.getOrigin(), request.getTimeoutMillis(), reply);
    if (target == null) {
      return;
    }
    ServerCallStreamObserver<ValidateOriginReply> call = (ServerCallStreamObserver<ValidateOriginReply>) reply;
    call.setOnCancelHandler(() -> log.debug("validation of {} cancelled by the caller", target));
    target.setUp().whenComplete((result, failure) -> {
      if (failure != null) {
        fail(call, failure);
        return;
      }
      log.info("validated {} from site {}: {}", target, site, describe(result));
      if (!call.isCancelled()) {
        call.onNext(ValidateOriginReply.newBuilder()
            .setSite(site)
            .setAttempt(result.attempt())
            .setServerVersion(result.serverVersion())
            .build());
        call.onCompleted();
      }
    });
  }

  @Override
  public void measureConnect(MeasureConnectRequest request, StreamObserver<MeasureConnectReply> reply) {
    ProbeTarget target = target(request.getOrigin(), request.getTimeoutMillis(), reply);
    if (target == null) {
      return;
    }
    ServerCallStreamObserver<MeasureConnectReply> call = (ServerCallStreamObserver<MeasureConnectReply>) reply;
    call.setOnCancelHandler(() -> log.debug("measuring {} cancelled by the caller", target));
    int samples = samples(request.getSamples());
    List<SetUpResult> results = new ArrayList<>(samples);
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (int i = 0; i < samples; i++) {
      // The next set-up starts when the previous one has closed, and not at all once the caller is gone.
      chain = chain.thenCompose(previous -> call.isCancelled() ? CompletableFuture.completedFuture(null)
          : target.setUp().thenAccept(results::add));
    }
    chain.whenComplete((done, failure) -> {
      if (failure != null) {
        fail(call, failure);
        return;
      }
      if (call.isCancelled()) {
        return;
      }
      log.debug("measured {} from site {}: {}", target, site, results.stream().map(ProbeService::describe).toList());
      MeasureConnectReply.Builder measured = MeasureConnectReply.newBuilder().setSite(site);
      results.forEach(result -> measured.addAttempts(result.attempt()));
      call.onNext(measured.build());
      call.onCompleted();
    });
  }

  private ProbeTarget target(OriginSettings origin, int timeoutMillis, StreamObserver<?> reply) {
    try {
      return ProbeTarget.of(origin, site, timeout(timeoutMillis), originLoops);
    } catch (IllegalArgumentException e) {
      reply.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
      return null;
    }
  }

  /** 0 means {@link #DEFAULT_SAMPLES}; more than {@link #MAX_SAMPLES} is cut to that many. */
  static int samples(int requested) {
    long samples = Integer.toUnsignedLong(requested);
    return samples == 0 ? DEFAULT_SAMPLES : (int) Math.min(samples, MAX_SAMPLES);
  }

  /** 0 means the site's default; longer than {@link #MAX_TIMEOUT} is cut to that. */
  Duration timeout(int requestedMillis) {
    long millis = Integer.toUnsignedLong(requestedMillis);
    Duration timeout = millis == 0 ? defaultTimeout : Duration.ofMillis(millis);
    return timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : timeout;
  }

  private void fail(StreamObserver<?> call, Throwable failure) {
    log.error("connect probe on site {} failed", site, failure);
    call.onError(Status.INTERNAL.withDescription("the probe failed: " + failure).withCause(failure).asRuntimeException());
  }

  private static String describe(SetUpResult result) {
    return result.isSuccess() ? result.attempt().getSetupMicros() / 1000.0 + " ms"
        : result.attempt().getFailure().getKind() + " (" + result.attempt().getFailure().getMessage() + ")";
  }
}
