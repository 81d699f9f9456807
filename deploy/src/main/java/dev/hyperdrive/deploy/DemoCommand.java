package dev.hyperdrive.deploy;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hyperdrive demo}: the one-command local setup. Starts a real PostgreSQL origin, one origin endpoint
 * and one edge client on loopback ({@link LocalDemo}), prints where to connect on standard output (the
 * {@code edge:} and {@code origin:} lines, before anything else, for scripts), and runs until interrupted.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = LauncherVersion.class,
        description = {
            "Start the whole system on this machine: an embedded PostgreSQL (data in a temporary directory),",
            "one origin endpoint pooling connections to it, and one edge client in front of the endpoint.",
            "Prints two lines on standard output, then runs until Ctrl-C or SIGTERM:",
            "  edge: postgres://demo:PASSWORD@127.0.0.1:PORT/hyperdrive     (connect your driver here)",
            "  origin: postgres://USER:PASSWORD@127.0.0.1:PORT/hyperdrive   (the database itself)",
            "Shutdown closes the edge, the endpoint and the origin in that order and deletes the data."})
final class DemoCommand implements Callable<Integer> {

    static final int PREFERRED_EDGE_PORT = 6432;

    @Spec
    private CommandSpec spec;

    @Option(names = "--pool-size", paramLabel = "N", defaultValue = "20",
            description = "Most origin connections the endpoint opens (default: ${DEFAULT-VALUE}).")
    private int poolSize;

    @Option(names = "--edge-port", paramLabel = "P",
            description = "Port drivers connect to (default: 6432 if free, else any free port; 0 = any free port).")
    private Integer edgePort;

    @Override
    public Integer call() throws Exception {
        if (poolSize < 1 || poolSize > 10_000) {
            throw new ParameterException(spec.commandLine(), "--pool-size must be between 1 and 10000, got " + poolSize);
        }
        if (edgePort != null && (edgePort < 0 || edgePort > 65535)) {
            throw new ParameterException(spec.commandLine(), "--edge-port must be between 0 and 65535, got " + edgePort);
        }
        int port = edgePort != null ? edgePort : defaultEdgePort();
        Foreground.run("demo", () -> LocalDemo.start(poolSize, port), this::printUrls);
        return 0;
    }

    private void printUrls(LocalDemo demo) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("edge: " + demo.edgeUrl());
        out.println("origin: " + demo.originUrl());
        out.flush();
    }

    /** PgBouncer's usual port when nothing holds it, so the URL is easy to remember; else any free port. */
    private static int defaultEdgePort() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), PREFERRED_EDGE_PORT));
            return PREFERRED_EDGE_PORT;
        } catch (IOException portTaken) {
            return 0;
        }
    }
}
