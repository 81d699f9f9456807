package dev.hyperdrive.edge.session;

import dev.hyperdrive.auth.AuthMethod;
import dev.hyperdrive.auth.PlainPassword;
import dev.hyperdrive.auth.ScramCredential;
import dev.hyperdrive.auth.ServerAuthenticator;
import dev.hyperdrive.auth.UserSecret;
import dev.hyperdrive.edge.EdgeConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts each login's {@link ServerAuthenticator} with the database's {@code auth_method} and secret.
 * The configured password may be the password itself or a stored secret as pg_authid holds it; for
 * SCRAM a plain password's secret is derived once per database and password (4096 PBKDF2 rounds), not
 * per login.
 */
public final class EdgeAuthentication {
  /** A derived secret and what it was derived from: placement may issue new credentials at any time. */
  private record Derived(String password, AuthMethod method, UserSecret secret) {}

  private final Map<String, Derived> secrets = new ConcurrentHashMap<>();

  ServerAuthenticator begin(EdgeConfig.Database database) {
    Derived derived = secrets.compute(database.name(), (name, known) ->
        known != null && known.password().equals(database.password()) && known.method() == database.authMethod()
            ? known
            : new Derived(database.password(), database.authMethod(), secretFor(database)));
    return new ServerAuthenticator(database.authMethod(), database.user(), derived.secret());
  }

  private static UserSecret secretFor(EdgeConfig.Database database) {
    UserSecret secret = UserSecret.parse(database.password());
    if (database.authMethod() == AuthMethod.SCRAM_SHA_256 && secret instanceof PlainPassword) {
      return ScramCredential.fromPassword(((PlainPassword) secret).password());
    }
    return secret;
  }
}
