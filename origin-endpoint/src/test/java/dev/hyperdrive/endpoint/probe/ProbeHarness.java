package dev.hyperdrive.endpoint.probe;

import dev.hyperdrive.config.HostPort;
import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.EndpointConfig;
import dev.hyperdrive.endpoint.EndpointServer;
import dev.hyperdrive.proto.probe.ConnectAttempt;
import dev.hyperdrive.proto.probe.MeasureConnectReply;
import dev.hyperdrive.proto.probe.MeasureConnectRequest;
import dev.hyperdrive.proto.probe.OriginSettings;
import dev.hyperdrive.proto.probe.ProbeGrpc;
import dev.hyperdrive.proto.probe.ValidateOriginReply;
import dev.hyperdrive.proto.probe.ValidateOriginRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real endpoint site listening on a loopback port (Netty, as in production), with no databases
 * configured, and a gRPC channel to its Probe service.
 */
final class ProbeHarness implements AutoCloseable {
  static final String SITE = "probe-test-site";

  private final EndpointServer server;
  private final ManagedChannel channel;

  ProbeHarness() {
    server = EndpointServer.start(new EndpointConfig(SITE, new HostPort("127.0.0.1", 0), List.of()));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  /** Settings that log in to {@code origin} as its main (SCRAM) user, without TLS. */
  static OriginSettings.Builder settings(EmbeddedOrigin origin) {
    return OriginSettings.newBuilder()
        .setHost(origin.host())
        .setPort(origin.port())
        .setUser(origin.user())
        .setPassword(origin.password())
        .setDatabase(origin.database());
  }

  ProbeGrpc.ProbeBlockingStub probe() {
    return ProbeGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  ValidateOriginReply validate(OriginSettings.Builder origin) {
    return probe().validateOrigin(ValidateOriginRequest.newBuilder().setOrigin(origin).build());
  }

  /** Validates with a 5 s bound on the set-up and returns the attempt. */
  ConnectAttempt attempt(OriginSettings.Builder origin) {
    return probe().validateOrigin(ValidateOriginRequest.newBuilder().setOrigin(origin).setTimeoutMillis(5_000).build())
        .getAttempt();
  }

  MeasureConnectReply measure(OriginSettings.Builder origin, int samples) {
    return probe().measureConnect(MeasureConnectRequest.newBuilder().setOrigin(origin).setSamples(samples).build());
  }

  ManagedChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.close();
  }
}
