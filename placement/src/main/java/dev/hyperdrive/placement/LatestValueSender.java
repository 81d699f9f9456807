package dev.hyperdrive.placement;

import io.grpc.stub.ServerCallStreamObserver;
import java.util.function.Supplier;

/**
 * Sends a fresh snapshot down a server stream after each change, respecting flow control: when the
 * call is not ready the change is remembered and one snapshot, computed at that later moment, goes
 * out on the next onReady. Memory per watcher stays one flag however many changes pile up.
 */
final class LatestValueSender<T> {

  private final ServerCallStreamObserver<T> call;
  private final Supplier<T> snapshot;
  private boolean pending;

  LatestValueSender(ServerCallStreamObserver<T> call, Supplier<T> snapshot) {
    this.call = call;
    this.snapshot = snapshot;
  }

  synchronized void changed() {
    pending = true;
    ready();
  }

  synchronized void ready() {
    if (pending && !call.isCancelled() && call.isReady()) {
      pending = false;
      call.onNext(snapshot.get());
    }
  }
}
