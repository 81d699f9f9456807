package dev.hyperdrive.edge.session;

import dev.hyperdrive.edge.cache.SessionCache;
import dev.hyperdrive.wire.Frames;
import dev.hyperdrive.wire.PgFrameDecoder;
import dev.hyperdrive.wire.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.function.Consumer;

/**
 * The request-forwarding part of a {@link ClientSession}: collects the driver's frames into batches,
 * and routes each complete batch through {@link BatchRouting}, holding it while an identical request's
 * answer is awaited. The session owns the states and moves to the one each returned route implies.
 * Runs on the session's event loop.
 */
final class RequestForwarding {
  /** What one driver frame asks of the session. */
  enum Intake { TERMINATE, BATCHED, BATCH_FULL }

  private final ChannelHandlerContext ctx;
  private final RequestBatcher batcher;
  private BatchRouting routing;
  /** The batch held while an identical request's answer is awaited (session state WAITING_FOR_CACHE). */
  private RequestBatcher.Batch heldBatch;

  RequestForwarding(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.batcher = new RequestBatcher(ctx.alloc());
  }

  /** Batches are routed from the greeting on; before it they only accumulate. */
  void routeWith(BatchRouting routing) {
    this.routing = routing;
  }

  /** Takes one driver frame: a Terminate is the session's to act on, anything else joins the batch. */
  Intake take(ByteBuf frame) throws ProtocolException {
    byte tag = Frames.tag(frame);
    if (tag == 'X') {
      frame.release();
      return Intake.TERMINATE;
    }
    if (tag == 'p') {
      frame.release();
      throw new ProtocolException("invalid frontend message type " + Frames.describeTag(tag));
    }
    batcher.add(frame);
    return batcher.oversized() ? Intake.BATCH_FULL : Intake.BATCHED;
  }

  /** Whether the batch is complete now that the driver's bytes read so far are consumed. */
  boolean readyAtReadEnd() {
    return batcher.readyAtReadEnd(ctx.pipeline().get(PgFrameDecoder.class).holdsPartialFrame());
  }

  RequestBatcher.Batch nextBatch() {
    return batcher.take();
  }

  /** Asks the cache what to do with {@code batch}; {@code later} gets the plan of one that must wait first. */
  SessionCache.Plan plan(RequestBatcher.Batch batch, Consumer<SessionCache.Plan> later) {
    return routing.plan(batch, later);
  }

  /** Sends {@code batch} on its way; a {@link BatchRouting.Route#HELD} batch is kept until {@link #resume}. */
  BatchRouting.Route route(RequestBatcher.Batch batch, SessionCache.Plan plan) throws SessionRefused {
    BatchRouting.Route route = routing.route(batch, plan);
    if (route == BatchRouting.Route.HELD) {
      heldBatch = batch;
    }
    return route;
  }

  /** Whether {@code batch} is the one still held; it no longer is after this returns true. */
  boolean resume(RequestBatcher.Batch batch) {
    if (heldBatch != batch) {
      return false; // the session ended meanwhile and released the batch
    }
    heldBatch = null;
    return true;
  }

  void copyInStarted() {
    batcher.copyInStarted();
  }

  /** Drops the buffered frames and any held batch: the session is ending. */
  void discard() {
    batcher.discard();
    if (heldBatch != null) {
      heldBatch.frames().release();
      heldBatch = null;
    }
  }
}
