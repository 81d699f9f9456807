package dev.hyperdrive.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.embedded.EmbeddedOriginOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test certificates made with openssl — a CA that signs the origin's certificate for "localhost", and
 * an unrelated CA — and a real embedded PostgreSQL that serves TLS with them.
 */
public final class TlsOrigin {
  private final Path directory;

  private TlsOrigin(Path directory) {
    this.directory = directory;
  }

  /** Writes ca.pem, other-ca.pem, server.pem and server.key into {@code directory}. */
  public static TlsOrigin createCertificates(Path directory) throws Exception {
    TlsOrigin tls = new TlsOrigin(directory);
    tls.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=test-ca",
        "-keyout", "ca.key", "-out", "ca.pem");
    tls.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=other-ca",
        "-keyout", "other-ca.key", "-out", "other-ca.pem");
    tls.openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
        "-keyout", "server.key", "-out", "server.csr");
    Files.writeString(directory.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
    tls.openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-days", "2", "-extfile", "san.ext", "-out", "server.pem");
    // PostgreSQL refuses a private key others can read.
    Files.setPosixFilePermissions(directory.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
    return tls;
  }

  /** Starts PostgreSQL with ssl = on and the server certificate. */
  public EmbeddedOrigin startOrigin() {
    return EmbeddedOrigin.start(EmbeddedOriginOptions.defaults()
        .withSetting("ssl", "on")
        .withSetting("ssl_cert_file", directory.resolve("server.pem").toString())
        .withSetting("ssl_key_file", directory.resolve("server.key").toString()));
  }

  /** The CA that signed the origin's certificate. */
  public Path ca() {
    return directory.resolve("ca.pem");
  }

  /** A CA that has nothing to do with the origin. */
  public Path otherCa() {
    return directory.resolve("other-ca.pem");
  }

  private void openssl(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("openssl %s: %s", arguments[0], output).isZero();
  }
}
