package dev.hyperdrive.deploy;

import dev.hyperdrive.edge.EdgeConfig;
import dev.hyperdrive.edge.EdgeServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hyperdrive edge --config edge.yaml}: runs one edge client site until the process is stopped. */
@Command(
        name = "edge",
        mixinStandardHelpOptions = true,
        versionProvider = LauncherVersion.class,
        description = {
            "Run an edge client: the PostgreSQL-speaking front door drivers connect to. It answers the",
            "handshake locally and relays queries to its origin endpoints over channels opened at start-up.",
            "Runs until Ctrl-C or SIGTERM, then drains sessions (up to 10 s) and exits.",
            "Keys of edge.yaml: deploy/README.md; example: deploy/examples/edge.yaml."})
final class EdgeCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The site's edge.yaml.")
    private Path config;

    @Override
    public Integer call() throws Exception {
        Foreground.run("edge", () -> EdgeServer.start(EdgeConfig.load(config)), started -> { });
        return 0;
    }
}
