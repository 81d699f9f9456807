package dev.hyperdrive.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code hyperdrive demo} as a real child process, as an operator would, and stops it with SIGTERM. */
class DemoIT {

    private static final Pattern ORIGIN_LINE =
            Pattern.compile("origin: postgres://hyperdrive:hyperdrive@127\\.0\\.0\\.1:(\\d+)/hyperdrive");

    @Test
    void demoPrintsAWorkingOriginUrlAndShutsDownCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.log");
        Process demo = new ProcessBuilder(javaExecutable(), "-cp", distributionClassPath(), Launcher.class.getName(), "demo")
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            String firstLine = awaitFirstLine(demo, stdout, stderr);
            Matcher origin = ORIGIN_LINE.matcher(firstLine);
            assertThat(origin.matches()).as("stdout line %s", firstLine).isTrue();
            String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + origin.group(1) + "/hyperdrive";

            assertThat(selectOne(jdbcUrl)).isEqualTo(1);

            demo.destroy(); // SIGTERM
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("demo exits after SIGTERM").isTrue();
            assertThat(demo.exitValue()).isEqualTo(143);
            assertThat(Files.readAllLines(stdout)).as("nothing but URL lines on stdout").containsExactly(firstLine);
            assertThat(Files.readString(stderr)).contains("demo stopped");
            assertThatThrownBy(() -> selectOne(jdbcUrl)).as("PostgreSQL is stopped").isInstanceOf(SQLException.class);
        } finally {
            demo.destroyForcibly();
        }
    }

    /** The launcher prints its URL line once PostgreSQL accepts logins; initdb can take a while on a busy machine. */
    private static String awaitFirstLine(Process demo, Path stdout, Path stderr) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(stdout);
            if (text.indexOf('\n') >= 0) {
                return text.substring(0, text.indexOf('\n'));
            }
            if (!demo.isAlive()) {
                throw new AssertionError("demo exited with " + demo.exitValue() + "; stderr: " + Files.readString(stderr));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no URL line within 120 s; stderr: " + Files.readString(stderr));
    }

    private static int selectOne(String jdbcUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "hyperdrive", "hyperdrive");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select 1")) {
            result.next();
            return result.getInt(1);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The classpath deploy/hyperdrive uses: the packaged launcher jar and target/lib. Failsafe runs after
     * the package phase, so this tests the distribution itself, not the (richer) test classpath.
     */
    private static String distributionClassPath() throws IOException {
        Path target = Path.of("target");
        try (Stream<Path> files = Files.list(target)) {
            Path jar = files.filter(file -> file.getFileName().toString().matches("hyperdrive-deploy-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no launcher jar in " + target.toAbsolutePath() + "; run mvn verify"));
            return jar + File.pathSeparator + target.resolve("lib") + File.separator + "*";
        }
    }
}
