package dev.hyperdrive.deploy;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a started service in the foreground until the process is told to stop (Ctrl-C, SIGTERM from
 * systemd or Kubernetes), then closes it from a shutdown hook so sessions drain and temporary files
 * go away.
 */
final class Foreground {

    private static final Logger log = LoggerFactory.getLogger(Foreground.class);

    private Foreground() {
    }

    /** Blocks the calling thread for the life of the process; {@code service} is closed on shutdown. */
    static void runUntilShutdown(String name, AutoCloseable service) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down {}", name);
            try {
                service.close();
                log.info("{} stopped", name);
            } catch (Exception e) {
                log.warn("{} did not stop cleanly", name, e);
            } finally {
                closed.countDown();
            }
        }, name + "-shutdown"));
        closed.await();
    }
}
