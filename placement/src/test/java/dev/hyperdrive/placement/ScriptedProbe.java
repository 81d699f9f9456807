package dev.hyperdrive.placement;

import dev.hyperdrive.proto.probe.ConnectAttempt;
import dev.hyperdrive.proto.probe.ConnectFailure;
import dev.hyperdrive.proto.probe.FailureKind;
import dev.hyperdrive.proto.probe.MeasureConnectReply;
import dev.hyperdrive.proto.probe.MeasureConnectRequest;
import dev.hyperdrive.proto.probe.ProbeGrpc;
import dev.hyperdrive.proto.probe.ValidateOriginReply;
import dev.hyperdrive.proto.probe.ValidateOriginRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test double of one endpoint site's Probe service (our own seam): answers with scripted set-up
 * times or classified failures, can play a site that is down, can hold MeasureConnect until
 * released, and records what it was asked.
 */
final class ScriptedProbe extends ProbeGrpc.ProbeImplBase {

  private final String site;
  private volatile ConnectFailure failure;
  private volatile long setupMicros = 1_000;
  private volatile boolean down;
  private volatile CountDownLatch measureGate = new CountDownLatch(0);
  final List<ValidateOriginRequest> validations = new CopyOnWriteArrayList<>();
  final List<MeasureConnectRequest> measurements = new CopyOnWriteArrayList<>();

  ScriptedProbe(String site) {
    this.site = site;
  }

  /** Every set-up succeeds in {@code millis}. */
  ScriptedProbe connectsIn(double millis) {
    this.failure = null;
    this.setupMicros = Math.round(millis * 1000);
    return this;
  }

  /** Every set-up fails like this. */
  ScriptedProbe failsWith(FailureKind kind, String message, String sqlstate) {
    this.failure = ConnectFailure.newBuilder().setKind(kind).setMessage(message).setSqlstate(sqlstate).build();
    return this;
  }

  /** The site itself does not answer: every call ends UNAVAILABLE. */
  ScriptedProbe down(boolean down) {
    this.down = down;
    return this;
  }

  /** MeasureConnect waits until {@link #releaseMeasurements()}. */
  ScriptedProbe holdMeasurements() {
    this.measureGate = new CountDownLatch(1);
    return this;
  }

  void releaseMeasurements() {
    measureGate.countDown();
  }

  @Override
  public void validateOrigin(ValidateOriginRequest request, StreamObserver<ValidateOriginReply> reply) {
    validations.add(request);
    if (down) {
      reply.onError(Status.UNAVAILABLE.withDescription(site + " is down").asRuntimeException());
      return;
    }
    reply.onNext(ValidateOriginReply.newBuilder()
        .setSite(site)
        .setAttempt(attempt())
        .setServerVersion(failure == null ? "17.5" : "")
        .build());
    reply.onCompleted();
  }

  @Override
  public void measureConnect(MeasureConnectRequest request, StreamObserver<MeasureConnectReply> reply) {
    measurements.add(request);
    try {
      if (!measureGate.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("measurement of " + site + " never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (down) {
      reply.onError(Status.UNAVAILABLE.withDescription(site + " is down").asRuntimeException());
      return;
    }
    MeasureConnectReply.Builder measured = MeasureConnectReply.newBuilder().setSite(site);
    for (int i = 0; i < request.getSamples(); i++) {
      measured.addAttempts(attempt());
    }
    reply.onNext(measured.build());
    reply.onCompleted();
  }

  private ConnectAttempt attempt() {
    return failure == null
        ? ConnectAttempt.newBuilder().setSetupMicros(setupMicros).build()
        : ConnectAttempt.newBuilder().setFailure(failure).build();
  }
}
