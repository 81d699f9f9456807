package dev.hyperdrive.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Makes sure the real drivers the integration tests run are installed, installing them the way a fresh
 * CI machine (root, Debian) can: Node.js and npm from apt, the npm packages pinned by package-lock.json
 * with {@code npm ci} into the test's own folder, psycopg 3 from Debian's python3-psycopg. Nothing is
 * skipped: when installing fails, the test fails with what the installer said.
 */
final class DriverToolchain {
  /** Debian's interpreter: the one that sees Debian's python3-psycopg (a pyenv python3 on PATH does not). */
  static final String DEBIAN_PYTHON = "/usr/bin/python3";
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

  private DriverToolchain() {}

  /** integration-tests/src/test/node with its node_modules installed. */
  static synchronized Path nodePackages() throws Exception {
    Path folder = testFolder("node");
    if (!succeeds(List.of("node", "--version")) || !succeeds(List.of("npm", "--version"))) {
      aptInstall("nodejs", "npm");
    }
    if (!Files.isDirectory(folder.resolve("node_modules"))) {
      ExternalCommand npm = ExternalCommand.run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefix",
          folder.toString()), Map.of(), INSTALL_TIMEOUT);
      if (npm.exitCode() != 0) {
        throw new AssertionError("npm ci in " + folder + " failed (exit " + npm.exitCode() + "); the driver tests"
            + " need the npm registry or a populated npm cache.\n" + npm.stdout() + npm.stderr());
      }
    }
    return folder;
  }

  /** integration-tests/src/test/python, with psycopg importable by {@link #DEBIAN_PYTHON}. */
  static synchronized Path psycopg() throws Exception {
    if (!succeeds(List.of(DEBIAN_PYTHON, "-c", "import psycopg"))) {
      aptInstall("python3-psycopg");
      if (!succeeds(List.of(DEBIAN_PYTHON, "-c", "import psycopg"))) {
        throw new AssertionError("python3-psycopg is installed but " + DEBIAN_PYTHON + " cannot import psycopg");
      }
    }
    return testFolder("python");
  }

  private static Path testFolder(String name) {
    Path folder = Path.of("src", "test", name).toAbsolutePath();
    if (!Files.isDirectory(folder)) {
      throw new AssertionError("driver scripts not found at " + folder + " (run the tests from integration-tests/)");
    }
    return folder;
  }

  private static void aptInstall(String... packages) throws Exception {
    List<String> install = new java.util.ArrayList<>(List.of("apt-get", "install", "-y", "-qq",
        "-o", "DPkg::Lock::Timeout=300"));
    install.addAll(List.of(packages));
    Map<String, String> noninteractive = Map.of("DEBIAN_FRONTEND", "noninteractive");
    ExternalCommand first = ExternalCommand.run(install, noninteractive, INSTALL_TIMEOUT);
    if (first.exitCode() == 0) {
      return;
    }
    // A fresh machine may have no package lists yet.
    ExternalCommand.run(List.of("apt-get", "update", "-qq"), noninteractive, INSTALL_TIMEOUT);
    ExternalCommand second = ExternalCommand.run(install, noninteractive, INSTALL_TIMEOUT);
    if (second.exitCode() != 0) {
      throw new AssertionError("could not install " + String.join(" ", packages) + " with apt-get (exit "
          + second.exitCode() + "; the driver tests install it as root on Debian).\n" + second.stdout()
          + second.stderr());
    }
  }

  private static boolean succeeds(List<String> command) {
    try {
      return ExternalCommand.run(command, Map.of(), Duration.ofSeconds(30)).exitCode() == 0;
    } catch (Exception notRunnable) {
      return false;
    }
  }
}
