package dev.hyperdrive.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.PostgresExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** DESIGN.md §3: a 1 GB result streams through the endpoint in a JVM limited to 256 MB of heap. */
@Tag("slow")
@ExtendWith(PostgresExtension.class)
class GigabyteResultIT {

  @Test
  void aGigabyteResultPassesThroughA256MegabyteHeap(EmbeddedOrigin origin) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), GigabyteResult.class.getName(),
        origin.host(), String.valueOf(origin.port()), origin.user(), origin.password(), origin.database()))
        .inheritIO()
        .start();
    assertThat(child.waitFor(10, TimeUnit.MINUTES)).as("finished within 10 minutes").isTrue();
    assertThat(child.exitValue()).as("exit code of the 256 MB JVM that streamed 1 GB").isZero();
  }
}
