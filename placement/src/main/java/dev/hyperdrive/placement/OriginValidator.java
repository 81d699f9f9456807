package dev.hyperdrive.placement;

import dev.hyperdrive.proto.probe.OriginSettings;
import dev.hyperdrive.proto.probe.ProbeGrpc;
import dev.hyperdrive.proto.probe.ValidateOriginReply;
import dev.hyperdrive.proto.probe.ValidateOriginRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge validator: proves, from one endpoint site, that the origin accepts the given settings,
 * so that a typo fails at {@code create} rather than at the first query. Sites are tried in
 * configuration order; a site that cannot be reached is skipped (that says nothing about the
 * origin), but the first site that runs the probe decides.
 */
public final class OriginValidator {

  private static final Logger log = LoggerFactory.getLogger(OriginValidator.class);
  /** Room for the probe RPC itself on top of the set-up's own bound. */
  private static final Duration RPC_SLACK = Duration.ofSeconds(5);

  private final List<Site> sites;
  private final SiteChannels channels;
  private final Duration connectTimeout;

  public OriginValidator(List<Site> sites, SiteChannels channels, Duration connectTimeout) {
    this.sites = List.copyOf(sites);
    this.channels = channels;
    this.connectTimeout = connectTimeout;
  }

  /**
   * Returns the successful probe's reply, or throws the status to end the control call with:
   * a classified origin failure ({@link OriginFailures}) or UNAVAILABLE when no site answered.
   */
  public ValidateOriginReply validate(OriginSettings origin) {
    ValidateOriginRequest request = ValidateOriginRequest.newBuilder()
        .setOrigin(origin)
        .setTimeoutMillis(Math.toIntExact(connectTimeout.toMillis()))
        .build();
    List<String> unreachable = new ArrayList<>();
    for (Site site : sites) {
      ValidateOriginReply reply;
      try {
        reply = ProbeGrpc.newBlockingStub(channels.channel(site))
            .withDeadlineAfter(connectTimeout.plus(RPC_SLACK).toMillis(), TimeUnit.MILLISECONDS)
            .validateOrigin(request);
      } catch (StatusRuntimeException e) {
        log.warn("site {} could not run the origin validation: {}", site.name(), e.getStatus());
        unreachable.add(site.name() + ": " + e.getStatus().getCode() + " " + e.getStatus().getDescription());
        continue;
      }
      String from = reply.getSite().isEmpty() ? site.name() : reply.getSite();
      if (reply.getAttempt().hasFailure()) {
        throw OriginFailures.toStatus(reply.getAttempt().getFailure(), origin, from);
      }
      return reply.toBuilder().setSite(from).build();
    }
    throw Status.UNAVAILABLE
        .withDescription("no endpoint site could validate the origin (" + String.join("; ", unreachable)
            + "); check that the sites in placement's config are running")
        .asRuntimeException();
  }
}
