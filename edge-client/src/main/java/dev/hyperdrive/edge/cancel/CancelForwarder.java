package dev.hyperdrive.edge.cancel;

import dev.hyperdrive.edge.relay.EndpointChannel;
import dev.hyperdrive.proto.relay.CancelReply;
import dev.hyperdrive.proto.relay.CancelRequest;
import dev.hyperdrive.proto.relay.RelayGrpc;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a driver's CancelRequest to the endpoint serving the session, as a {@code Cancel} RPC. Like
 * PostgreSQL, the driver gets no answer either way: cancelling is best effort.
 */
public final class CancelForwarder {
  private static final Logger log = LoggerFactory.getLogger(CancelForwarder.class);
  private static final long DEADLINE_SECONDS = 5;

  private final CancelRegistry registry;

  public CancelForwarder(CancelRegistry registry) {
    this.registry = registry;
  }

  /** Forwards the cancel if the key is one the edge issued to a live session that has an endpoint. */
  public void cancel(int processId, int secretKey) {
    Optional<CancelTarget> target = registry.lookup(processId, secretKey);
    if (target.isEmpty()) {
      log.debug("CancelRequest with an unknown key ignored (pid {})", processId);
      return;
    }
    Optional<EndpointChannel> endpoint = target.get().servingEndpoint();
    if (endpoint.isEmpty()) {
      log.debug("CancelRequest for session {} that has nothing running ignored", target.get().sessionId());
      return;
    }
    send(endpoint.get(), target.get());
  }

  private static void send(EndpointChannel endpoint, CancelTarget target) {
    CancelRequest request = CancelRequest.newBuilder()
        .setDatabase(target.database())
        .setSessionId(target.sessionId())
        .build();
    RelayGrpc.newStub(endpoint.channel())
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
        .cancel(request, new StreamObserver<>() {
          @Override
          public void onNext(CancelReply reply) {
            log.info("cancel for session {} sent to endpoint {}: delivered={}",
                target.sessionId(), endpoint.name(), reply.getDelivered());
          }

          @Override
          public void onError(Throwable error) {
            log.warn("cancel for session {} to endpoint {} failed: {}",
                target.sessionId(), endpoint.name(), error.getMessage());
          }

          @Override
          public void onCompleted() {}
        });
  }
}
