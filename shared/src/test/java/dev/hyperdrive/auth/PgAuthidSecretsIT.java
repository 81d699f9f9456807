package dev.hyperdrive.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The secrets a real PostgreSQL stored for its roles read as ours and verify the same passwords, so an
 * operator can copy rolpassword into the edge's configuration.
 */
@ExtendWith(PostgresExtension.class)
class PgAuthidSecretsIT {
  @Test
  void scramSecretFromPgAuthidVerifiesThePasswordAndRunsAnExchange(EmbeddedOrigin origin) throws Exception {
    UserSecret stored = UserSecret.parse(rolpassword(origin, EmbeddedOrigin.USER));

    assertThat(stored).isInstanceOf(ScramCredential.class);
    assertThat(stored.toString()).isEqualTo(rolpassword(origin, EmbeddedOrigin.USER));
    assertThat(stored.matchesPassword(EmbeddedOrigin.USER, EmbeddedOrigin.PASSWORD)).isTrue();
    assertThat(stored.matchesPassword(EmbeddedOrigin.USER, "wrong")).isFalse();

    ServerAuthenticator server = new ServerAuthenticator(AuthMethod.SCRAM_SHA_256, EmbeddedOrigin.USER, stored);
    ClientAuthenticator client = new ClientAuthenticator(EmbeddedOrigin.USER, EmbeddedOrigin.PASSWORD);
    LoginConversation.run(server, client);
    assertThat(client.isAuthenticated()).isTrue();
  }

  @Test
  void md5HashFromPgAuthidIsTheOneWeCompute(EmbeddedOrigin origin) throws Exception {
    assertThat(rolpassword(origin, EmbeddedOrigin.MD5_USER))
        .isEqualTo(Md5Secret.fromPassword(EmbeddedOrigin.MD5_USER, EmbeddedOrigin.MD5_PASSWORD).hash());
  }

  private static String rolpassword(EmbeddedOrigin origin, String role) throws Exception {
    try (Connection connection = DriverManager.getConnection(origin.jdbcUrl(), origin.user(), origin.password());
        PreparedStatement query = connection.prepareStatement("select rolpassword from pg_authid where rolname = ?")) {
      query.setString(1, role);
      try (ResultSet result = query.executeQuery()) {
        assertThat(result.next()).as("role %s exists", role).isTrue();
        return result.getString(1);
      }
    }
  }
}
