package dev.hyperdrive.edge.session;

import dev.hyperdrive.proto.relay.Parameter;
import dev.hyperdrive.wire.backend.ErrorResponse;
import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The bounded wait of a {@link ClientSession} for a database's origin parameters that the edge has not
 * learned yet: the driver is already authenticated, but its greeting needs the origin's ParameterStatus set.
 */
final class OriginParametersWait {
  /** Separate from the handshake deadline, which stops counting once the driver has authenticated. */
  private static final Duration BOUND = Duration.ofSeconds(15);

  private OriginParametersWait() {}

  /** Runs {@code onSettled} on the session's event loop with the parameters, or null if none came in time. */
  static void await(ChannelHandlerContext ctx, CompletableFuture<List<Parameter>> parameters,
      Consumer<List<Parameter>> onSettled) {
    parameters.copy().orTimeout(BOUND.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((known, failure) -> ctx.executor().execute(() -> onSettled.accept(known)));
  }

  /** Why the driver cannot be greeted: the endpoints do not serve the database yet, or no one knows it. */
  static ErrorResponse unavailable(SessionServices services, String database) {
    return services.originParameters().notServedBy(database)
        .map(endpoint -> SessionErrors.notServedYet(database, endpoint))
        .orElseGet(() -> SessionErrors.originUnknown(database));
  }
}
