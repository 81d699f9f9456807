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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code hyperdrive demo} as a real child process, as an operator would: the two URL lines come first on
 * stdout, a query through the edge URL reaches PostgreSQL through edge and endpoint, and SIGTERM stops the edge
 * (letting an open transaction commit), then the endpoint, then the origin.
 */
class DemoIT {

    private static final Pattern EDGE_LINE =
            Pattern.compile("edge: postgres://demo:([A-Za-z0-9]{16,})@127\\.0\\.0\\.1:(\\d+)/hyperdrive");
    private static final Pattern ORIGIN_LINE =
            Pattern.compile("origin: postgres://hyperdrive:hyperdrive@127\\.0\\.0\\.1:(\\d+)/hyperdrive");

    @Test
    void demoPrintsEdgeAndOriginUrlsThatWorkAndShutsDownInOrderOnSigterm(@TempDir Path dir) throws Exception {
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.log");
        Process demo = new ProcessBuilder(javaExecutable(), "-cp", distributionClassPath(), Launcher.class.getName(),
                "demo", "--pool-size", "3")
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            List<String> lines = awaitLines(2, demo, stdout, stderr);
            Matcher edge = EDGE_LINE.matcher(lines.get(0));
            assertThat(edge.matches()).as("first stdout line %s", lines.get(0)).isTrue();
            Matcher origin = ORIGIN_LINE.matcher(lines.get(1));
            assertThat(origin.matches()).as("second stdout line %s", lines.get(1)).isTrue();
            String edgeJdbcUrl = "jdbc:postgresql://127.0.0.1:" + edge.group(2) + "/hyperdrive";
            String originJdbcUrl = "jdbc:postgresql://127.0.0.1:" + origin.group(1) + "/hyperdrive";
            String edgePassword = edge.group(1);

            assertThat(query(edgeJdbcUrl, "demo", edgePassword, "select current_user || ' ' || 6 * 7"))
                    .as("through edge and endpoint, logged in to the origin as the endpoint's user")
                    .isEqualTo("hyperdrive 42");
            assertThat(query(originJdbcUrl, "hyperdrive", "hyperdrive", "select 'origin'")).isEqualTo("origin");
            assertThatThrownBy(() -> query(edgeJdbcUrl, "demo", "wrong-password", "select 1"))
                    .as("the edge checks the password it issued").hasMessageContaining("password authentication failed");

            // A transaction open at SIGTERM can still commit: the edge drains it while endpoint and origin run.
            try (Connection inTransaction = DriverManager.getConnection(edgeJdbcUrl, "demo", edgePassword);
                 Statement statement = inTransaction.createStatement()) {
                statement.execute("create table drained (n int)");
                inTransaction.setAutoCommit(false);
                statement.execute("insert into drained values (1)");

                demo.destroy(); // SIGTERM
                Thread.sleep(1000);
                inTransaction.commit();
            }
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("demo exits after SIGTERM").isTrue();
            assertThat(demo.exitValue()).isEqualTo(143);
            assertThat(Files.readAllLines(stdout)).as("nothing but the URL lines on stdout").containsExactlyElementsOf(lines);
            String log = Files.readString(stderr);
            assertThat(log).as("shutdown order").containsSubsequence("edge stopped", "endpoint site demo-endpoint stopped",
                    "embedded PostgreSQL on port " + origin.group(1) + " stopped", "demo stopped");
            assertThat(log).as("no password in the log").doesNotContain(edgePassword);
            assertThatThrownBy(() -> query(originJdbcUrl, "hyperdrive", "hyperdrive", "select 1"))
                    .as("PostgreSQL is stopped").isInstanceOf(SQLException.class);
        } finally {
            stop(demo);
        }
    }

    /**
     * SIGTERM first even when an assertion failed early: SIGKILL would leave the demo's PostgreSQL (a child
     * process of its own) running with its data directory.
     */
    private static void stop(Process demo) throws InterruptedException {
        demo.destroy();
        if (!demo.waitFor(60, TimeUnit.SECONDS)) {
            demo.destroyForcibly();
        }
    }

    /** The launcher prints its URL lines once everything is up; initdb can take a while on a busy machine. */
    private static List<String> awaitLines(int count, Process demo, Path stdout, Path stderr)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(stdout);
            if (text.chars().filter(c -> c == '\n').count() >= count) {
                return text.lines().limit(count).toList();
            }
            if (!demo.isAlive()) {
                throw new AssertionError("demo exited with " + demo.exitValue() + "; stderr: " + Files.readString(stderr));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no URL lines within 120 s; stderr: " + Files.readString(stderr));
    }

    private static String query(String jdbcUrl, String user, String password, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
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
