package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.endpoint.origin.OriginConnection;
import dev.hyperdrive.endpoint.origin.OriginListener;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/** Carries an origin connection's events from its event loop onto the session's, in order. */
final class OriginEvents implements OriginListener {
  private final RelaySession session;

  OriginEvents(RelaySession session) {
    this.session = session;
  }

  @Override
  public void onFrames(OriginConnection connection, List<ByteBuf> frames) {
    if (session.loop().inEventLoop()) {
      session.backendFrames(connection, frames); // the pool gave the session a connection on its own loop
      return;
    }
    try {
      session.loop().execute(() -> session.backendFrames(connection, frames));
    } catch (RejectedExecutionException e) {
      FrontendFramer.release(frames); // shutting down
    }
  }

  @Override
  public void onWritabilityChanged(OriginConnection connection) {
    session.execute(() -> session.originWritable(connection));
  }

  @Override
  public void onClosed(OriginConnection connection, Throwable cause) {
    session.execute(() -> session.originClosed(connection, cause));
  }
}
