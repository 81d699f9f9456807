package dev.hyperdrive.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.config.ConfigNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
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
        assertThat(out.toString()).contains("Usage: hyperdrive").contains("demo").contains("help");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void everyCommandHasHelp() {
        assertThat(launch("demo", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: hyperdrive demo").contains("origin: postgres://");
        assertThat(launch("help", "demo")).isZero();
        assertThat(launch("demo", "--bogus")).isEqualTo(2);
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
