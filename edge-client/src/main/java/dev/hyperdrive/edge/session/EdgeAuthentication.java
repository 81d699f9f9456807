package dev.hyperdrive.edge.session;

import dev.hyperdrive.auth.AuthenticationException;
import dev.hyperdrive.auth.Md5ServerExchange;
import dev.hyperdrive.auth.ScramCredential;
import dev.hyperdrive.auth.ScramServerExchange;
import dev.hyperdrive.auth.UserSecret;
import dev.hyperdrive.edge.EdgeConfig;
import dev.hyperdrive.wire.backend.AuthenticationCleartextPassword;
import dev.hyperdrive.wire.backend.AuthenticationMd5Password;
import dev.hyperdrive.wire.backend.AuthenticationSasl;
import dev.hyperdrive.wire.backend.AuthenticationSaslContinue;
import dev.hyperdrive.wire.backend.AuthenticationSaslFinal;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.frontend.AuthResponseKind;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import dev.hyperdrive.wire.frontend.PasswordMessage;
import dev.hyperdrive.wire.frontend.SaslInitialResponse;
import dev.hyperdrive.wire.frontend.SaslResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts the password exchange a database's {@code auth_method} asks for. The configured password may be
 * the password itself or a stored secret (a {@code SCRAM-SHA-256$...} secret or an md5 hash, as
 * pg_authid holds them); a plain password's SCRAM secret is derived once per database, not per login.
 */
public final class EdgeAuthentication {
  private static final String SCRAM_SHA_256 = "SCRAM-SHA-256";

  private final Map<String, UserSecret> secrets = new ConcurrentHashMap<>();
  private final Map<String, ScramCredential> scramCredentials = new ConcurrentHashMap<>();

  LocalAuthentication begin(EdgeConfig.Database database) {
    switch (database.authMethod()) {
      case SCRAM_SHA_256:
        return new Scram(database.user(), new ScramServerExchange(database.user(), scramCredential(database)));
      case MD5:
        return new Md5(database.user(), new Md5ServerExchange(database.user(), secret(database)));
      case CLEARTEXT:
        return new Cleartext(database.user(), secret(database));
      default:
        throw new AssertionError(database.authMethod());
    }
  }

  private UserSecret secret(EdgeConfig.Database database) {
    return secrets.computeIfAbsent(database.name(), name -> UserSecret.parse(database.password()));
  }

  private ScramCredential scramCredential(EdgeConfig.Database database) {
    return scramCredentials.computeIfAbsent(database.name(), name -> {
      UserSecret secret = secret(database);
      if (secret instanceof ScramCredential) {
        return (ScramCredential) secret;
      }
      return ScramCredential.fromPassword(database.password());
    });
  }

  private static SessionRefused refused(AuthenticationException e) {
    return new SessionRefused(ErrorResponse.fatal(e.sqlState(), e.getMessage()));
  }

  private static final class Scram implements LocalAuthentication {
    private final String user;
    private final ScramServerExchange exchange;
    private boolean initialReceived;

    Scram(String user, ScramServerExchange exchange) {
      this.user = user;
      this.exchange = exchange;
    }

    @Override
    public BackendMessage begin() {
      return new AuthenticationSasl(List.of(SCRAM_SHA_256));
    }

    @Override
    public AuthResponseKind expectedResponse() {
      return initialReceived ? AuthResponseKind.SASL_RESPONSE : AuthResponseKind.SASL_INITIAL;
    }

    @Override
    public Step respond(FrontendMessage response) throws SessionRefused {
      try {
        if (!initialReceived) {
          SaslInitialResponse initial = (SaslInitialResponse) response;
          if (!SCRAM_SHA_256.equals(initial.mechanism()) || initial.data() == null) {
            throw new SessionRefused(ErrorResponse.fatal("28000",
                "client selected an invalid SASL authentication mechanism"));
          }
          initialReceived = true;
          return new Step(Optional.of(new AuthenticationSaslContinue(exchange.receiveClientFirst(initial.data()))),
              false);
        }
        byte[] serverFinal = exchange.receiveClientFinal(((SaslResponse) response).data());
        return new Step(Optional.of(new AuthenticationSaslFinal(serverFinal)), true);
      } catch (AuthenticationException e) {
        throw refused(e);
      }
    }

    @Override
    public String toString() {
      return "SCRAM-SHA-256 for " + user;
    }
  }

  private static final class Md5 implements LocalAuthentication {
    private final String user;
    private final Md5ServerExchange exchange;

    Md5(String user, Md5ServerExchange exchange) {
      this.user = user;
      this.exchange = exchange;
    }

    @Override
    public BackendMessage begin() {
      return new AuthenticationMd5Password(exchange.salt());
    }

    @Override
    public AuthResponseKind expectedResponse() {
      return AuthResponseKind.PASSWORD;
    }

    @Override
    public Step respond(FrontendMessage response) throws SessionRefused {
      try {
        exchange.receiveResponse(((PasswordMessage) response).password());
        return new Step(Optional.empty(), true);
      } catch (AuthenticationException e) {
        throw refused(e);
      }
    }

    @Override
    public String toString() {
      return "md5 for " + user;
    }
  }

  private static final class Cleartext implements LocalAuthentication {
    private final String user;
    private final UserSecret secret;

    Cleartext(String user, UserSecret secret) {
      this.user = user;
      this.secret = secret;
    }

    @Override
    public BackendMessage begin() {
      return AuthenticationCleartextPassword.INSTANCE;
    }

    @Override
    public AuthResponseKind expectedResponse() {
      return AuthResponseKind.PASSWORD;
    }

    @Override
    public Step respond(FrontendMessage response) throws SessionRefused {
      if (!secret.matchesPassword(user, ((PasswordMessage) response).password())) {
        throw refused(AuthenticationException.passwordFailed(user));
      }
      return new Step(Optional.empty(), true);
    }
  }
}
