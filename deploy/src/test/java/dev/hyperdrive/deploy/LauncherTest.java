package dev.hyperdrive.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.config.ConfigNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class LauncherTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(CommandLine commandLine, String... args) {
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private int launch(String... args) {
        return run(Launcher.commandLine(), args);
    }

    @Test
    void helpListsTheCommandsOnStandardOutput() {
        assertThat(launch("--help")).isZero();
        assertThat(out.toString()).contains("Usage: hyperdrive").contains("help");
        for (String command : COMMANDS) {
            assertThat(out.toString()).containsPattern("(?m)^  " + command + " ");
        }
        assertThat(err.toString()).isEmpty();
    }

    private static final List<String> COMMANDS =
            List.of("edge", "endpoint", "placement", "create", "list", "get", "update", "delete", "demo");

    @Test
    void everyCommandHasHelp() {
        for (String command : COMMANDS) {
            out.getBuffer().setLength(0);
            assertThat(launch(command, "--help")).as(command).isZero();
            assertThat(out.toString()).as(command).startsWith("Usage: hyperdrive " + command);
        }
        for (String command : List.of("show", "run")) {
            out.getBuffer().setLength(0);
            assertThat(launch("placement", command, "--help")).as(command).isZero();
            assertThat(out.toString()).as(command).startsWith("Usage: hyperdrive placement " + command);
        }
        assertThat(launch("help", "demo")).isZero();
        assertThat(launch("demo", "--bogus")).isEqualTo(2);
    }

    @Test
    void demoHelpShowsBothUrlLinesAndItsOptions() {
        assertThat(launch("demo", "--help")).isZero();
        assertThat(out.toString()).contains("edge: postgres://demo:").contains("origin: postgres://")
                .contains("--pool-size").contains("--edge-port");
        assertThat(launch("demo", "--pool-size", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--pool-size must be between 1 and 10000, got 0");
    }

    @Test
    void servicesRequireAConfigFile() {
        assertThat(launch("edge")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--config=FILE'");
        assertThat(launch("endpoint")).isEqualTo(2);
    }

    @Test
    void aBadServiceConfigPrintsOnlyItsMessageAndExitsWithOne(@TempDir Path dir) throws IOException {
        Path edge = Files.writeString(dir.resolve("edge.yaml"), "site: chicago-1\nlisten: 6432\n");
        assertThat(launch("edge", "--config", edge.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo(edge + ":2: listen: expected host:port (IPv6 addresses in brackets: "
                + "[::1]:5432), got '6432'" + System.lineSeparator());

        err.getBuffer().setLength(0);
        Path endpoint = Files.writeString(dir.resolve("endpoint.yaml"), "site: london-1\nlisten: 127.0.0.1:0\nporl: {}\n");
        assertThat(launch("endpoint", "--config", endpoint.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith(endpoint + ":3: porl: unknown key").doesNotContain("\tat ");

        err.getBuffer().setLength(0);
        Path placement = dir.resolve("placement.yaml");
        assertThat(launch("placement", "--config", placement.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo(placement + ": no such file" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(launch()).as("no command").isEqualTo(2);
        assertThat(err.toString()).contains("Missing required subcommand").contains("Usage: hyperdrive");
        assertThat(launch("nonsense")).isEqualTo(2);
        assertThat(launch("--no-such-option")).isEqualTo(2);
    }

    @Test
    void versionIsPrinted() {
        assertThat(launch("--version")).isZero();
        assertThat(out.toString()).startsWith("hyperdrive ");
    }

    /** A command that reads a broken configuration, as the service commands do. */
    @Command(name = "broken-config")
    static final class BrokenConfigCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            ConfigNode root = ConfigNode.parse("pool:\n  size: 0\n", "edge.yaml", Map.of());
            root.requiredObject("pool").integer("size", 1, 1, 100);
            return 0;
        }
    }

    @Command(name = "crashing")
    static final class CrashingCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("port already in use");
        }
    }

    @Test
    void configErrorsPrintOnlyTheirMessageAndExitWithOne() {
        CommandLine commandLine = Launcher.commandLine().addSubcommand(new BrokenConfigCommand());
        assertThat(run(commandLine, "broken-config")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("edge.yaml:2: pool.size: must be between 1 and 100, got 0" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void otherFailuresExitWithOneAndKeepTheirStackTrace() {
        CommandLine commandLine = Launcher.commandLine().addSubcommand(new CrashingCommand());
        assertThat(run(commandLine, "crashing")).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("crashing: failed: java.lang.IllegalStateException: port already in use")
                .contains("\tat dev.hyperdrive.deploy.LauncherTest$CrashingCommand.call");
    }
}
