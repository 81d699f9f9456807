package dev.hyperdrive.edge;

import dev.hyperdrive.proto.relay.CancelReply;
import dev.hyperdrive.proto.relay.CancelRequest;
import dev.hyperdrive.proto.relay.DescribeOriginReply;
import dev.hyperdrive.proto.relay.DescribeOriginRequest;
import dev.hyperdrive.proto.relay.EdgeFrame;
import dev.hyperdrive.proto.relay.EndpointFrame;
import dev.hyperdrive.proto.relay.Parameter;
import dev.hyperdrive.proto.relay.RelayGrpc;
import dev.hyperdrive.proto.relay.SessionOpen;
import io.grpc.Attributes;
import io.grpc.Server;
import io.grpc.ServerTransportFilter;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The endpoint double for edge tests: a real gRPC server (Netty transport, so HTTP/2 connections can
 * be counted) speaking relay.proto. It answers DescribeOrigin with what PostgreSQL 17 reports, answers
 * each session's requests with the exact backend frames PostgreSQL would send ({@link ScriptedSession}),
 * and records everything the edge sent it.
 */
final class ScriptedRelayServer implements AutoCloseable {
  /** One EdgeFrame as received: which session, whether it opened the stream, the frame bytes. */
  record Received(String sessionId, SessionOpen open, byte[] frames) {}

  /** PostgreSQL 17's ParameterStatus set on a fresh connection, in the order it sends them. */
  static final List<Parameter> ORIGIN_PARAMETERS = List.of(
      parameter("in_hot_standby", "off"),
      parameter("integer_datetimes", "on"),
      parameter("TimeZone", "Etc/UTC"),
      parameter("IntervalStyle", "postgres"),
      parameter("is_superuser", "off"),
      parameter("application_name", ""),
      parameter("default_transaction_read_only", "off"),
      parameter("scram_iterations", "4096"),
      parameter("DateStyle", "ISO, MDY"),
      parameter("standard_conforming_strings", "on"),
      parameter("session_authorization", "app"),
      parameter("client_encoding", "UTF8"),
      parameter("server_version", "17.2"),
      parameter("server_encoding", "UTF8"));

  final AtomicInteger transports = new AtomicInteger();
  final AtomicInteger describeCalls = new AtomicInteger();
  final List<Received> received = new CopyOnWriteArrayList<>();
  final List<CancelRequest> cancels = new CopyOnWriteArrayList<>();
  final Map<String, ScriptedSession> sessions = new ConcurrentHashMap<>();
  private final Server server;

  private ScriptedRelayServer(Server server) {
    this.server = server;
  }

  static ScriptedRelayServer start() {
    return start(0);
  }

  static ScriptedRelayServer start(int port) {
    ScriptedRelayServer[] self = new ScriptedRelayServer[1];
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
        .permitKeepAliveTime(1, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true)
        .addTransportFilter(new ServerTransportFilter() {
          @Override
          public Attributes transportReady(Attributes attributes) {
            self[0].transports.incrementAndGet();
            return attributes;
          }
        })
        .addService(new RelayGrpc.RelayImplBase() {
          @Override
          public StreamObserver<EdgeFrame> session(StreamObserver<EndpointFrame> responses) {
            return new ScriptedSession(self[0], (ServerCallStreamObserver<EndpointFrame>) responses);
          }

          @Override
          public void cancel(CancelRequest request, StreamObserver<CancelReply> reply) {
            self[0].cancels.add(request);
            ScriptedSession session = self[0].sessions.get(request.getSessionId());
            boolean delivered = session != null && session.cancelRunningQuery();
            reply.onNext(CancelReply.newBuilder().setDelivered(delivered).build());
            reply.onCompleted();
          }

          @Override
          public void describeOrigin(DescribeOriginRequest request, StreamObserver<DescribeOriginReply> reply) {
            self[0].describeCalls.incrementAndGet();
            reply.onNext(DescribeOriginReply.newBuilder().addAllParameters(ORIGIN_PARAMETERS).build());
            reply.onCompleted();
          }
        })
        .build();
    self[0] = new ScriptedRelayServer(server);
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return self[0];
  }

  int port() {
    return server.getPort();
  }

  /** The endpoint dies: every connection and stream is cut at once. */
  void kill() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Parameter parameter(String name, String value) {
    return Parameter.newBuilder().setName(name).setValue(value).build();
  }
}
