package dev.hyperdrive.endpoint.pool;

import dev.hyperdrive.endpoint.origin.OriginConnection;
import dev.hyperdrive.endpoint.origin.OriginListener;
import dev.hyperdrive.wire.Frames;
import io.netty.buffer.ByteBuf;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to connections while they sit idle in the pool, so one the origin closes (restart,
 * pg_terminate_backend, idle timeout on the server) leaves the pool at once instead of failing the next
 * client that gets it.
 */
final class IdleWatcher implements OriginListener {
  private static final Logger log = LoggerFactory.getLogger(IdleWatcher.class);

  private final OriginPool pool;

  IdleWatcher(OriginPool pool) {
    this.pool = pool;
  }

  @Override
  public void onFrames(OriginConnection connection, List<ByteBuf> frames) {
    for (ByteBuf frame : frames) {
      // Typically a FATAL ErrorResponse just before the origin closes; the close itself removes it.
      log.debug("{}: {} while idle in the pool of {}", connection, Frames.describeTag(Frames.tag(frame)), pool.database());
      frame.release();
    }
    connection.requestRead();
  }

  @Override
  public void onWritabilityChanged(OriginConnection connection) {
    // Nothing is written to an idle connection.
  }

  @Override
  public void onClosed(OriginConnection connection, Throwable cause) {
    pool.idleConnectionClosed(connection, cause);
  }
}
