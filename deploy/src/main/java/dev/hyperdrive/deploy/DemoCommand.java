package dev.hyperdrive.deploy;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hyperdrive demo}: the one-command local setup. Starts a real PostgreSQL origin on this machine,
 * prints where to connect on standard output (one {@code name: url} line per service, for scripts),
 * and runs until interrupted; shutdown stops the server and deletes its data directory.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = LauncherVersion.class,
        description = {
            "Start a local PostgreSQL origin (embedded PostgreSQL, data in a temporary directory) and print",
            "'origin: postgres://USER:PASSWORD@127.0.0.1:PORT/DB' on standard output.",
            "Runs in the foreground until Ctrl-C or SIGTERM, then stops the server and deletes its data."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedOrigin origin = EmbeddedOrigin.start();
        PrintWriter out = spec.commandLine().getOut();
        out.println("origin: " + origin.url());
        out.flush();
        Foreground.runUntilShutdown("demo", origin);
        return 0;
    }
}
