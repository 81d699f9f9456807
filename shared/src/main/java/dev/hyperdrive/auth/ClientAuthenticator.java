package dev.hyperdrive.auth;

import dev.hyperdrive.wire.SqlState;
import dev.hyperdrive.wire.backend.AuthenticationCleartextPassword;
import dev.hyperdrive.wire.backend.AuthenticationGss;
import dev.hyperdrive.wire.backend.AuthenticationKerberosV5;
import dev.hyperdrive.wire.backend.AuthenticationMd5Password;
import dev.hyperdrive.wire.backend.AuthenticationOk;
import dev.hyperdrive.wire.backend.AuthenticationSasl;
import dev.hyperdrive.wire.backend.AuthenticationSaslContinue;
import dev.hyperdrive.wire.backend.AuthenticationSaslFinal;
import dev.hyperdrive.wire.backend.AuthenticationSspi;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.NoticeResponse;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import dev.hyperdrive.wire.frontend.PasswordMessage;
import dev.hyperdrive.wire.frontend.SaslInitialResponse;
import dev.hyperdrive.wire.frontend.SaslResponse;
import java.util.Optional;

/**
 * The endpoint's (and the placement validator's) half of a login to an origin: given the user and
 * password, it answers each message the server sends after the StartupMessage until AuthenticationOk.
 * Supports SCRAM-SHA-256 (verifying the server's signature), MD5 and cleartext; refuses GSSAPI, SSPI,
 * Kerberos and channel-binding-only SCRAM with an error that says what to change.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP">Start-up</a>
 */
public final class ClientAuthenticator {
  /** Where the login is. */
  public enum State { AWAITING_REQUEST, AWAITING_SASL_CONTINUE, AWAITING_SASL_FINAL, AWAITING_OK, SUCCEEDED, FAILED }

  private static final String PLUS_MECHANISM = ScramCrypto.MECHANISM + "-PLUS";

  private final String user;
  private final String password;
  private State state = State.AWAITING_REQUEST;
  private ScramClientExchange scram;

  public ClientAuthenticator(String user, String password) {
    this.user = user;
    this.password = password;
  }

  public State state() {
    return state;
  }

  public boolean isAuthenticated() {
    return state == State.SUCCEEDED;
  }

  /**
   * Consumes one message from the server; returns the message to answer with, if any. An ErrorResponse
   * from the server (a wrong password, say) is thrown as an AuthenticationException with its SQLSTATE.
   */
  public Optional<FrontendMessage> receive(BackendMessage message) throws AuthenticationException {
    try {
      if (message instanceof ErrorResponse) {
        ErrorResponse error = (ErrorResponse) message;
        throw new AuthenticationException(error.sqlState(), error.message());
      }
      if (message instanceof NoticeResponse) {
        return Optional.empty();
      }
      switch (state) {
        case AWAITING_REQUEST:
          return Optional.ofNullable(answerRequest(message));
        case AWAITING_SASL_CONTINUE:
          return Optional.of(answerServerFirst(message));
        case AWAITING_SASL_FINAL:
          checkServerFinal(message);
          return Optional.empty();
        case AWAITING_OK:
          expectOk(message);
          return Optional.empty();
        default:
          throw unexpected(message);
      }
    } catch (AuthenticationException e) {
      state = State.FAILED;
      throw e;
    }
  }

  private FrontendMessage answerRequest(BackendMessage message) throws AuthenticationException {
    if (message == AuthenticationOk.INSTANCE) {
      state = State.SUCCEEDED; // the server trusts this connection without a password
      return null;
    }
    if (message == AuthenticationCleartextPassword.INSTANCE) {
      state = State.AWAITING_OK;
      return new PasswordMessage(password);
    }
    if (message instanceof AuthenticationMd5Password) {
      state = State.AWAITING_OK;
      byte[] salt = ((AuthenticationMd5Password) message).salt();
      return new PasswordMessage(Md5Secret.fromPassword(user, password).saltedResponse(salt));
    }
    if (message instanceof AuthenticationSasl) {
      return startScram((AuthenticationSasl) message);
    }
    if (message == AuthenticationKerberosV5.INSTANCE || message == AuthenticationGss.INSTANCE
        || message == AuthenticationSspi.INSTANCE) {
      throw new AuthenticationException(SqlState.FEATURE_NOT_SUPPORTED, "the server asks for "
          + nameOf(message).replace("Authentication", "") + " authentication, which is not supported; give user \""
          + user + "\" the scram-sha-256, md5 or password method in the server's pg_hba.conf");
    }
    throw unexpected(message);
  }

  private FrontendMessage startScram(AuthenticationSasl request) throws AuthenticationException {
    if (!request.mechanisms().contains(ScramCrypto.MECHANISM)) {
      String why = request.mechanisms().contains(PLUS_MECHANISM)
          ? "the server requires SCRAM-SHA-256-PLUS (channel binding), which is not supported; "
              + "allow SCRAM-SHA-256 without channel binding on the server"
          : "none of the server's SASL mechanisms " + request.mechanisms() + " is supported; SCRAM-SHA-256 is";
      throw new AuthenticationException(SqlState.FEATURE_NOT_SUPPORTED, why);
    }
    // PostgreSQL ignores the SCRAM user name (the StartupMessage named the user), so like libpq send none.
    scram = new ScramClientExchange("", password);
    state = State.AWAITING_SASL_CONTINUE;
    return new SaslInitialResponse(ScramCrypto.MECHANISM, scram.clientFirst());
  }

  private FrontendMessage answerServerFirst(BackendMessage message) throws AuthenticationException {
    if (!(message instanceof AuthenticationSaslContinue)) {
      throw unexpected(message);
    }
    byte[] clientFinal = scram.receiveServerFirst(((AuthenticationSaslContinue) message).data());
    state = State.AWAITING_SASL_FINAL;
    return new SaslResponse(clientFinal);
  }

  private void checkServerFinal(BackendMessage message) throws AuthenticationException {
    if (!(message instanceof AuthenticationSaslFinal)) {
      throw unexpected(message);
    }
    scram.receiveServerFinal(((AuthenticationSaslFinal) message).data());
    state = State.AWAITING_OK;
  }

  private void expectOk(BackendMessage message) throws AuthenticationException {
    if (message != AuthenticationOk.INSTANCE) {
      throw unexpected(message);
    }
    state = State.SUCCEEDED;
  }

  private AuthenticationException unexpected(BackendMessage message) {
    return AuthenticationException.badExchange("unexpected " + nameOf(message) + " from the server while " + state);
  }

  private static String nameOf(BackendMessage message) {
    return message == null ? "nothing" : message.getClass().getSimpleName();
  }
}
