package dev.hyperdrive.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hyperdrive.wire.frontend.Query;
import org.junit.jupiter.api.Test;

/**
 * A 1 GiB result streams from the endpoint through the edge to the driver in a JVM limited to 256 MiB
 * (surefire's "bounded-memory" execution): only flow control both ways makes that possible.
 */
class LargeResultBoundedMemoryTest {
  private static final long RESULT_BYTES = Long.getLong("hyperdrive.largeResultBytes", 1L << 30);

  @Test
  void oneGibibyteResultPassesThroughA256MibHeap() throws Exception {
    assumeTrue(Runtime.getRuntime().maxMemory() <= 300L * 1024 * 1024, "needs -Xmx256m (bounded-memory execution)");
    try (EdgeTestStack stack = EdgeTestStack.start(); RawPgClient client = stack.rawCleartext()) {
      client.send(new Query("stream " + RESULT_BYTES));
      long received = client.readUntil('Z');
      long rows = (RESULT_BYTES + 8191) / 8192;
      // Each DataRow carries 4 + 2 + 4 bytes of framing around its payload.
      assertThat(received).isGreaterThan(RESULT_BYTES + rows * 11);
    }
  }
}
