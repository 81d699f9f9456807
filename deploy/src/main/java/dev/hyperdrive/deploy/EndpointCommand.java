package dev.hyperdrive.deploy;

import dev.hyperdrive.endpoint.EndpointConfig;
import dev.hyperdrive.endpoint.EndpointServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hyperdrive endpoint --config endpoint.yaml}: runs one origin endpoint site until the process is stopped. */
@Command(
        name = "endpoint",
        mixinStandardHelpOptions = true,
        versionProvider = LauncherVersion.class,
        description = {
            "Run an origin endpoint: the relay service next to the database, with one transaction-mode",
            "pool of origin connections per configured database, and the connect probe placement calls.",
            "Runs until Ctrl-C or SIGTERM, then drains relay sessions (up to 10 s), closes the pools and exits.",
            "Keys of endpoint.yaml: deploy/README.md; example: deploy/examples/endpoint.yaml."})
final class EndpointCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The site's endpoint.yaml.")
    private Path config;

    @Override
    public Integer call() throws Exception {
        Foreground.run("endpoint", () -> EndpointServer.start(EndpointConfig.load(config)), started -> { });
        return 0;
    }
}
