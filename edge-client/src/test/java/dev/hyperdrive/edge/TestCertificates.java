package dev.hyperdrive.edge;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** A throwaway self-signed certificate for localhost, made with the JDK's keytool and written as PEM. */
final class TestCertificates {
  private TestCertificates() {}

  static EdgeConfig.Tls selfSigned(Path directory) throws Exception {
    Path keystore = directory.resolve("edge.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "edge", "-keyalg", "RSA",
        "-keysize", "2048", "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1")
        .redirectErrorStream(true).start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + new String(process.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8));
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    PrivateKey key = (PrivateKey) store.getKey("edge", "changeit".toCharArray());
    Certificate certificate = store.getCertificate("edge");
    Path certFile = directory.resolve("edge.pem");
    Path keyFile = directory.resolve("edge.key");
    Files.writeString(certFile, pem("CERTIFICATE", certificate.getEncoded()));
    Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
    return new EdgeConfig.Tls(certFile, keyFile);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
