package dev.hyperdrive.endpoint.origin;

import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.endpoint.config.SslMode;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.net.ssl.SSLException;

/** Builds the TLS client side for an origin according to its sslmode (libpq semantics). */
final class OriginTls {
  private final OriginConfig origin;
  private final SslContext context;

  private OriginTls(OriginConfig origin, SslContext context) {
    this.origin = origin;
    this.context = context;
  }

  /** Null when the origin's sslmode is disable. */
  static OriginTls forOrigin(OriginConfig origin) {
    if (!origin.sslMode().usesTls()) {
      return null;
    }
    try {
      SslContextBuilder builder = SslContextBuilder.forClient()
          // Netty checks host names by default; libpq does so only for verify-full.
          .endpointIdentificationAlgorithm(origin.sslMode() == SslMode.VERIFY_FULL ? "HTTPS" : null);
      if (origin.sslMode().verifiesCertificate()) {
        builder.trustManager(origin.sslRootCert().toFile());
      } else {
        // sslmode=require encrypts but, like libpq, does not authenticate the server.
        builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
      }
      return new OriginTls(origin, builder.build());
    } catch (SSLException e) {
      throw new UncheckedIOException(new IOException(
          "cannot use sslrootcert " + origin.sslRootCert() + " for the origin at " + origin.address() + ": "
              + e.getMessage(), e));
    }
  }

  /** The peer host given here is what verify-full checks the certificate against (and the SNI name). */
  SslHandler newHandler(ByteBufAllocator allocator) {
    return context.newHandler(allocator, origin.host(), origin.port());
  }
}
