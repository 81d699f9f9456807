package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The family of 'R' messages with which a server asks for (or confirms) authentication; the Int32 code
 * after the length says which one.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP">Start-up</a>
 */
public sealed interface Authentication extends BackendMessage
    permits AuthenticationOk,
        AuthenticationKerberosV5,
        AuthenticationCleartextPassword,
        AuthenticationMd5Password,
        AuthenticationGss,
        AuthenticationGssContinue,
        AuthenticationSspi,
        AuthenticationSasl,
        AuthenticationSaslContinue,
        AuthenticationSaslFinal {

  byte TAG = 'R';

  /** The Int32 that tells the variants apart on the wire. */
  int code();

  /** Decodes the body of an 'R' frame (everything after the length). */
  static Authentication decode(ByteBuf body) throws ProtocolException {
    int code = Wire.readInt32(body);
    switch (code) {
      case AuthenticationOk.CODE:
        return FieldlessMessages.decode(body, AuthenticationOk.INSTANCE);
      case AuthenticationSasl.CODE:
        return AuthenticationSasl.decodeAfterCode(body);
      case AuthenticationSaslContinue.CODE:
        return new AuthenticationSaslContinue(AuthenticationCodec.rest(body));
      case AuthenticationSaslFinal.CODE:
        return new AuthenticationSaslFinal(AuthenticationCodec.rest(body));
      case AuthenticationMd5Password.CODE:
        return AuthenticationMd5Password.decodeAfterCode(body);
      case AuthenticationCleartextPassword.CODE:
        return FieldlessMessages.decode(body, AuthenticationCleartextPassword.INSTANCE);
      case AuthenticationKerberosV5.CODE:
        return FieldlessMessages.decode(body, AuthenticationKerberosV5.INSTANCE);
      case AuthenticationGss.CODE:
        return FieldlessMessages.decode(body, AuthenticationGss.INSTANCE);
      case AuthenticationGssContinue.CODE:
        return new AuthenticationGssContinue(AuthenticationCodec.rest(body));
      case AuthenticationSspi.CODE:
        return FieldlessMessages.decode(body, AuthenticationSspi.INSTANCE);
      default:
        throw new ProtocolException("invalid authentication request code " + code);
    }
  }
}
