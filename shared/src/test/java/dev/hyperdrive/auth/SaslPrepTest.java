package dev.hyperdrive.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SASLprep as PostgreSQL applies it. Cases follow RFC 4013 section 3; where strict SASLprep would fail,
 * PostgreSQL (and we) use the password's bytes unchanged.
 */
class SaslPrepTest {
  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', value = {
      "I\u00adX          | IX              | soft hyphen is mapped to nothing",
      "user              | user            | ASCII passes unchanged",
      "USER              | USER            | case is preserved",
      "\u00aa            | a               | NFKC of feminine ordinal indicator",
      "\u2168            | IX              | NFKC of roman numeral nine",
      "a\u00a0b\u00e9    | a b\u00e9       | no-break space becomes SPACE",
      "\uff50\uff57      | pw              | fullwidth letters fold to ASCII",
      "\u0627\u0628      | \u0627\u0628    | right-to-left string that starts and ends right-to-left",
  })
  void preparesLikeRfc4013(String input, String expected, String why) {
    assertThat(new String(SaslPrep.prepare(input), UTF_8)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "\u0627\u0031               | right-to-left string ending in a digit (RFC 4013 example 7)",
      "\u0627a\u0628              | right-to-left and left-to-right characters mixed",
      "\u00e9\u0007               | control character next to a non-ASCII one",
      "\uff41\ud83d\ude00         | emoji, unassigned in Unicode 3.2, so no NFKC of the fullwidth a",
      "\u00e9\ue000               | private use character",
      "\u00ad                     | nothing left after mapping",
  })
  void keepsTheRawBytesWhereStrictSaslPrepFails(String input, String why) {
    assertThat(SaslPrep.prepare(input)).isEqualTo(input.getBytes(UTF_8));
  }

  @Test
  void keepsBytesThatAreNotUtf8() {
    byte[] latin1 = {'p', (byte) 0xE9, 'w'};

    assertThat(SaslPrep.prepare(latin1)).isEqualTo(latin1);
  }
}
