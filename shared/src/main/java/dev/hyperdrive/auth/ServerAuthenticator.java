package dev.hyperdrive.auth;

import dev.hyperdrive.wire.backend.AuthenticationCleartextPassword;
import dev.hyperdrive.wire.backend.AuthenticationMd5Password;
import dev.hyperdrive.wire.backend.AuthenticationOk;
import dev.hyperdrive.wire.backend.AuthenticationSasl;
import dev.hyperdrive.wire.backend.AuthenticationSaslContinue;
import dev.hyperdrive.wire.backend.AuthenticationSaslFinal;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.frontend.AuthResponseKind;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import dev.hyperdrive.wire.frontend.PasswordMessage;
import dev.hyperdrive.wire.frontend.SaslInitialResponse;
import dev.hyperdrive.wire.frontend.SaslResponse;
import java.util.List;

/**
 * The edge's half of a driver's login: acting as the server, it asks for a password with the configured
 * method, checks the driver's answers against the user's secret, and ends with AuthenticationOk or an
 * {@link AuthenticationException} to send as a FATAL ErrorResponse. One instance per login.
 *
 * <p>Like PostgreSQL, {@code md5} with a SCRAM secret runs SCRAM (no MD5 hash can be made from a SCRAM
 * secret), and an unknown user ({@code secret == null}) is refused only at the end, with the same message
 * as a wrong password.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP">Start-up</a>
 * @see <a href="https://www.postgresql.org/docs/current/sasl-authentication.html">SASL Authentication</a>
 */
public final class ServerAuthenticator {
  /** Where the login is; {@link #receive} is valid only in the AWAITING states. */
  public enum State { INITIAL, AWAITING_PASSWORD, AWAITING_SASL_INITIAL, AWAITING_SASL_RESPONSE, SUCCEEDED, FAILED }

  private final AuthMethod method;
  private final String user;
  private final UserSecret secret;
  private State state = State.INITIAL;
  private Md5ServerExchange md5;
  private ScramServerExchange scram;

  /** @param secret the user's secret, or {@code null} when the user is not known here */
  public ServerAuthenticator(AuthMethod method, String user, UserSecret secret) {
    this.user = user;
    this.secret = secret;
    this.method = method == AuthMethod.MD5 && secret instanceof ScramCredential ? AuthMethod.SCRAM_SHA_256 : method;
  }

  /** The method actually used, which differs from the configured one only for md5 with a SCRAM secret. */
  public AuthMethod method() {
    return method;
  }

  public State state() {
    return state;
  }

  /** The first message to send after the StartupMessage: the request for a password. */
  public BackendMessage start() {
    if (state != State.INITIAL) {
      throw new IllegalStateException("authentication already started");
    }
    switch (method) {
      case SCRAM_SHA_256:
        scram = scramExchange();
        state = State.AWAITING_SASL_INITIAL;
        return new AuthenticationSasl(List.of(ScramCrypto.MECHANISM));
      case MD5:
        md5 = new Md5ServerExchange(user, secret);
        state = State.AWAITING_PASSWORD;
        return new AuthenticationMd5Password(md5.salt());
      case CLEARTEXT:
        state = State.AWAITING_PASSWORD;
        return AuthenticationCleartextPassword.INSTANCE;
      default:
        throw new IllegalStateException("unhandled method " + method);
    }
  }

  /** Which of the three 'p' messages the driver's next frame holds, for {@code FrontendDecoder.decode}. */
  public AuthResponseKind expectedResponse() {
    switch (state) {
      case AWAITING_SASL_INITIAL:
        return AuthResponseKind.SASL_INITIAL;
      case AWAITING_SASL_RESPONSE:
        return AuthResponseKind.SASL_RESPONSE;
      default:
        return AuthResponseKind.PASSWORD;
    }
  }

  /**
   * Consumes the driver's answer; returns the messages to send next. The login succeeded when the list
   * ends with AuthenticationOk.
   */
  public List<BackendMessage> receive(FrontendMessage message) throws AuthenticationException {
    try {
      switch (state) {
        case AWAITING_PASSWORD:
          return receivePassword(message);
        case AWAITING_SASL_INITIAL:
          return receiveSaslInitial(message);
        case AWAITING_SASL_RESPONSE:
          return receiveSaslResponse(message);
        default:
          throw AuthenticationException.badExchange(
              "unexpected " + nameOf(message) + ": authentication is " + state);
      }
    } catch (AuthenticationException e) {
      state = State.FAILED;
      throw e;
    }
  }

  private List<BackendMessage> receivePassword(FrontendMessage message) throws AuthenticationException {
    if (!(message instanceof PasswordMessage)) {
      throw AuthenticationException.badExchange("expected a password response, got " + nameOf(message));
    }
    String password = ((PasswordMessage) message).password();
    if (password.isEmpty()) {
      throw AuthenticationException.passwordFailed(user); // PostgreSQL never accepts an empty password
    }
    if (method == AuthMethod.MD5) {
      md5.receiveResponse(password);
    } else if (secret == null || !secret.matchesPassword(user, password)) {
      throw AuthenticationException.passwordFailed(user);
    }
    return succeed();
  }

  private List<BackendMessage> receiveSaslInitial(FrontendMessage message) throws AuthenticationException {
    if (!(message instanceof SaslInitialResponse)) {
      throw AuthenticationException.badExchange("expected a SASL initial response, got " + nameOf(message));
    }
    SaslInitialResponse initial = (SaslInitialResponse) message;
    if (!ScramCrypto.MECHANISM.equals(initial.mechanism())) {
      throw AuthenticationException.badExchange("client selected an invalid SASL authentication mechanism \""
          + initial.mechanism() + "\"; this server offers " + ScramCrypto.MECHANISM + " only");
    }
    if (initial.data() == null) {
      throw AuthenticationException.badExchange("SCRAM needs the client-first-message in the SASLInitialResponse");
    }
    byte[] serverFirst = scram.receiveClientFirst(initial.data());
    state = State.AWAITING_SASL_RESPONSE;
    return List.of(new AuthenticationSaslContinue(serverFirst));
  }

  private List<BackendMessage> receiveSaslResponse(FrontendMessage message) throws AuthenticationException {
    if (!(message instanceof SaslResponse)) {
      throw AuthenticationException.badExchange("expected a SASL response, got " + nameOf(message));
    }
    byte[] serverFinal = scram.receiveClientFinal(((SaslResponse) message).data());
    state = State.SUCCEEDED;
    return List.of(new AuthenticationSaslFinal(serverFinal), AuthenticationOk.INSTANCE);
  }

  private List<BackendMessage> succeed() {
    state = State.SUCCEEDED;
    return List.of(AuthenticationOk.INSTANCE);
  }

  /** A configured cleartext password is turned into a SCRAM secret per login; configure the secret to avoid that cost. */
  private ScramServerExchange scramExchange() {
    if (secret instanceof ScramCredential) {
      return new ScramServerExchange(user, (ScramCredential) secret);
    }
    if (secret instanceof PlainPassword) {
      return new ScramServerExchange(user, ScramCredential.fromPassword(((PlainPassword) secret).password()));
    }
    return ScramServerExchange.withoutCredential(user); // unknown user, or only an MD5 hash: cannot do SCRAM
  }

  private static String nameOf(FrontendMessage message) {
    return message == null ? "nothing" : message.getClass().getSimpleName();
  }
}
