package dev.hyperdrive.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * SASLprep (RFC 4013) of a SCRAM password, exactly as PostgreSQL applies it (src/common/saslprep.c), so
 * both sides of an exchange derive the same keys as PostgreSQL does. PostgreSQL passwords are byte
 * strings, not necessarily UTF-8, so where strict SASLprep would fail PostgreSQL falls back to the raw
 * bytes; we do the same.
 */
public final class SaslPrep {
  private SaslPrep() {}

  /** The bytes SCRAM hashes for a password typed as a Java string. */
  public static byte[] prepare(String password) {
    return prepare(password.getBytes(StandardCharsets.UTF_8));
  }

  /** The bytes SCRAM hashes for a password: its SASLprep form, or the input itself where PostgreSQL keeps it. */
  public static byte[] prepare(byte[] password) {
    if (isAscii(password)) {
      return password.clone();
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(password))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return password.clone();
    }
    int[] mapped = map(text);
    // PostgreSQL checks the prohibited and bidi rules on the mapped input, before normalizing; so do we.
    if (mapped.length == 0 || containsProhibited(mapped) || violatesBidiRules(mapped)) {
      return password.clone();
    }
    String normalized = Normalizer.normalize(new String(mapped, 0, mapped.length), Normalizer.Form.NFKC);
    try {
      ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(normalized));
      byte[] result = new byte[encoded.remaining()];
      encoded.get(result);
      return result;
    } catch (CharacterCodingException impossible) {
      throw new IllegalStateException("NFKC of valid Unicode is valid Unicode", impossible);
    }
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  /** RFC 4013 2.1: non-ASCII spaces become SPACE; "commonly mapped to nothing" characters disappear. */
  private static int[] map(String text) {
    return text.codePoints()
        .filter(codePoint -> !CodePointRanges.MAPPED_TO_NOTHING.contains(codePoint))
        .map(codePoint -> CodePointRanges.NON_ASCII_SPACE.contains(codePoint) ? ' ' : codePoint)
        .toArray();
  }

  private static boolean containsProhibited(int[] codePoints) {
    for (int codePoint : codePoints) {
      if (CodePointRanges.PROHIBITED_OUTPUT.contains(codePoint) || CodePointRanges.UNASSIGNED.contains(codePoint)) {
        return true;
      }
    }
    return false;
  }

  /** RFC 3454 section 6: a string with right-to-left characters must start and end with one and hold no left-to-right one. */
  private static boolean violatesBidiRules(int[] codePoints) {
    boolean hasRandAl = false;
    boolean hasL = false;
    for (int codePoint : codePoints) {
      hasRandAl |= CodePointRanges.RAND_AL_CAT.contains(codePoint);
      hasL |= CodePointRanges.L_CAT.contains(codePoint);
    }
    if (!hasRandAl) {
      return false;
    }
    return hasL
        || !CodePointRanges.RAND_AL_CAT.contains(codePoints[0])
        || !CodePointRanges.RAND_AL_CAT.contains(codePoints[codePoints.length - 1]);
  }
}
