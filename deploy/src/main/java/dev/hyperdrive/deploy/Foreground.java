package dev.hyperdrive.deploy;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a service in the foreground until the process is told to stop (Ctrl-C, SIGTERM from systemd or
 * Kubernetes), then closes it so sessions drain and temporary files go away.
 *
 * <p>Stop handling is in place before start-up begins: a signal that arrives while the service is still
 * starting waits for it to finish starting and then closes it, so nothing (an embedded PostgreSQL, a bound
 * port) is left behind. SIGINT/SIGTERM are handled here ({@link StopSignals}) rather than by the JVM's
 * shutdown, because the JVM runs all shutdown hooks at once: a library's own hook (zonky stops its
 * PostgreSQL from one) would otherwise race the service's ordered close. After closing, the process exits
 * with 128 + the signal's number, as with the default handling. A shutdown hook still closes the service
 * on any other way out (System.exit, SIGHUP).
 */
final class Foreground<T extends AutoCloseable> {

    private static final Logger log = LoggerFactory.getLogger(Foreground.class);
    /** A stop request during start-up waits this long for start-up to finish (initdb on a busy machine). */
    private static final Duration STARTUP_BOUND = Duration.ofMinutes(2);

    private final String name;
    private final CompletableFuture<T> started = new CompletableFuture<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    private Foreground(String name) {
        this.name = name;
    }

    /**
     * Starts the service with {@code start}, hands it to {@code onStarted} (to print where to connect) and
     * blocks for the life of the process. Throws what {@code start} throws; the service is then not running.
     */
    static <T extends AutoCloseable> void run(String name, Callable<T> start, Consumer<T> onStarted) throws Exception {
        Foreground<T> foreground = new Foreground<>(name);
        StopSignals.install(foreground::stopAndExit);
        Runtime.getRuntime().addShutdownHook(new Thread(foreground::stop, name + "-shutdown"));
        T service;
        try {
            service = start.call();
        } catch (Exception | Error e) {
            foreground.started.completeExceptionally(e);
            throw e;
        }
        foreground.started.complete(service);
        if (!foreground.stopping.get()) {
            onStarted.accept(service);
        }
        new CountDownLatch(1).await(); // the process ends from stopAndExit or the JVM's shutdown
    }

    /** On SIGINT/SIGTERM: close the service, then exit as the signal would have. A second signal exits at once. */
    private void stopAndExit(int signal) {
        stop();
        System.exit(128 + signal);
    }

    /** Closes the service once, after start-up has finished; later calls return at once. */
    private void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        T service = awaitStartup();
        if (service == null) {
            return;
        }
        log.info("shutting down {}", name);
        try {
            service.close();
            log.info("{} stopped", name);
        } catch (Exception e) {
            log.warn("{} did not stop cleanly", name, e);
        }
    }

    private T awaitStartup() {
        try {
            return started.get(STARTUP_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failedToStart) {
            return null;
        } catch (TimeoutException e) {
            log.warn("{} still starting after {}; exiting without closing it", name, STARTUP_BOUND);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
