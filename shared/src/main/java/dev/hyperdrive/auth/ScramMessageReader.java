package dev.hyperdrive.auth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads one SCRAM message (RFC 5802 section 7): comma-separated {@code name=value} attributes in a fixed
 * order. Every failure is an {@link AuthenticationException} with SQLSTATE 28000 naming what was wrong.
 */
final class ScramMessageReader {
  private final String message;
  private final String what;
  private int position;

  private ScramMessageReader(String message, String what) {
    this.message = message;
    this.what = what;
  }

  static ScramMessageReader of(byte[] message, String what) throws AuthenticationException {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(message))
          .toString();
      return new ScramMessageReader(text, what);
    } catch (CharacterCodingException e) {
      throw AuthenticationException.badExchange("malformed SCRAM message: " + what + " is not valid UTF-8");
    }
  }

  /** The attribute name at the cursor, or 0 at the end of the message. */
  char peekName() {
    return atEnd() ? 0 : message.charAt(position);
  }

  boolean atEnd() {
    return position >= message.length();
  }

  int position() {
    return position;
  }

  String substring(int from, int to) {
    return message.substring(from, to);
  }

  String text() {
    return message;
  }

  /** Reads {@code name=value} and the comma after it, if any; returns the value. */
  String attribute(char name) throws AuthenticationException {
    if (atEnd() || message.charAt(position) != name) {
      throw malformed("expected attribute \"" + name + "\" at position " + position);
    }
    return anyAttributeValue();
  }

  /** Reads whatever attribute is next (an extension we ignore); returns its value. */
  String anyAttributeValue() throws AuthenticationException {
    char name = peekName();
    if (!(name >= 'a' && name <= 'z') && !(name >= 'A' && name <= 'Z')) {
      throw malformed("attribute expected at position " + position);
    }
    if (position + 1 >= message.length() || message.charAt(position + 1) != '=') {
      throw malformed("expected \"=\" after attribute \"" + name + "\"");
    }
    int start = position + 2;
    int end = message.indexOf(',', start);
    if (end < 0) {
      end = message.length();
    }
    position = end < message.length() ? end + 1 : end;
    if (end + 1 == message.length()) {
      throw malformed("trailing comma");
    }
    return message.substring(start, end);
  }

  /** Reads a single character followed by a comma (the GS2 channel-binding flag). */
  char flag() throws AuthenticationException {
    if (position + 1 >= message.length() || message.charAt(position + 1) != ',') {
      throw malformed("expected a channel-binding flag followed by \",\"");
    }
    char flag = message.charAt(position);
    position += 2;
    return flag;
  }

  /** Consumes a comma standing alone (the empty authzid of a GS2 header). */
  void comma() throws AuthenticationException {
    if (atEnd() || message.charAt(position) != ',') {
      throw malformed("expected \",\" at position " + position);
    }
    position++;
  }

  void expectEnd() throws AuthenticationException {
    if (!atEnd()) {
      throw malformed("unexpected data after the last attribute");
    }
  }

  byte[] base64(char name) throws AuthenticationException {
    String value = attribute(name);
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw malformed("attribute \"" + name + "\" is not valid base64");
    }
  }

  /** A nonce: printable ASCII except comma (RFC 5802 "printable"), not empty. */
  String nonce() throws AuthenticationException {
    String nonce = attribute('r');
    if (nonce.isEmpty()) {
      throw malformed("empty nonce");
    }
    for (int i = 0; i < nonce.length(); i++) {
      char c = nonce.charAt(i);
      if (c < 0x21 || c > 0x7E || c == ',') {
        throw malformed("nonce holds a character that is not printable ASCII");
      }
    }
    return nonce;
  }

  AuthenticationException malformed(String detail) {
    return AuthenticationException.badExchange("malformed SCRAM message: " + what + ": " + detail);
  }
}
