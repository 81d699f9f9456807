package dev.hyperdrive.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lexer against PostgreSQL's lexical rules, token by token. */
class SqlLexerTest {

  private static List<Token> lex(String sql) throws SqlLexException {
    return SqlLexer.STANDARD.tokenize(sql);
  }

  @Test
  void tokensCarryKindSourceTextValueAndPosition() throws SqlLexException {
    assertThat(lex("SELECT \"Now\", now() FROM T -- c\n WHERE x::int = $1;"))
        .extracting(Token::kind, Token::text, Token::value, Token::position)
        .containsExactly(
            tuple(TokenKind.IDENTIFIER, "SELECT", "select", 0),
            tuple(TokenKind.QUOTED_IDENTIFIER, "\"Now\"", "Now", 7),
            tuple(TokenKind.COMMA, ",", ",", 12),
            tuple(TokenKind.IDENTIFIER, "now", "now", 14),
            tuple(TokenKind.LEFT_PAREN, "(", "(", 17),
            tuple(TokenKind.RIGHT_PAREN, ")", ")", 18),
            tuple(TokenKind.IDENTIFIER, "FROM", "from", 20),
            tuple(TokenKind.IDENTIFIER, "T", "t", 25),
            tuple(TokenKind.IDENTIFIER, "WHERE", "where", 33),
            tuple(TokenKind.IDENTIFIER, "x", "x", 39),
            tuple(TokenKind.TYPECAST, "::", "::", 40),
            tuple(TokenKind.IDENTIFIER, "int", "int", 42),
            tuple(TokenKind.OPERATOR, "=", "=", 46),
            tuple(TokenKind.PARAMETER, "$1", "$1", 48),
            tuple(TokenKind.SEMICOLON, ";", ";", 50));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "'it''s'                | it's",
      "E'a\\nb\\tc'            | `a\nb\tc`",
      "e'\\x41\\101\\u0041\\U00000041\\q' | AAAAq",
      "E'it\\'s'              | it's",
      "E'\\xZ'                | xZ",
      "N'national'            | national",
      "U&'d\\0061t\\+000061'  | data",
      "U&'d!0061t!!' UESCAPE '!' | dat!",
      "U&'\\D83D\\DE00'       | \uD83D\uDE00",
      "$$it's $x$ \\n$$       | it's $x$ \\n",
      "$fn$ $$ nested $$ $fn$ | ` $$ nested $$ `",
      "`'con'\n  'cat'`       | concat",
      "`'con' -- comment\n'cat'` | concat",
  })
  void stringConstantsDecodeTheirEscapes(String sql, String value) throws SqlLexException {
    List<Token> tokens = lex(sql);

    assertThat(tokens).extracting(Token::kind).containsExactly(TokenKind.STRING);
    assertThat(tokens.get(0).value()).isEqualTo(value);
    assertThat(tokens.get(0).text()).isEqualTo(sql);
  }

  @Test
  void stringsOnOneLineAreNotJoined() throws SqlLexException {
    assertThat(lex("'a' 'b'")).extracting(Token::value).containsExactly("a", "b");
    assertThat(lex("'a' /* c */\n'b'")).extracting(Token::value).containsExactly("a", "b");
  }

  @Test
  void bitStringsAndQuotedIdentifiers() throws SqlLexException {
    assertThat(lex("B'1010' x'1F' \"a\"\"b\" U&\"d\\0061\""))
        .extracting(Token::kind, Token::value)
        .containsExactly(
            tuple(TokenKind.BIT_STRING, "1010"),
            tuple(TokenKind.BIT_STRING, "1F"),
            tuple(TokenKind.QUOTED_IDENTIFIER, "a\"b"),
            tuple(TokenKind.QUOTED_IDENTIFIER, "da"));
  }

  @Test
  void aPrefixLetterInsideAWordIsPartOfTheWord() throws SqlLexException {
    assertThat(lex("type'x' e 'y'")).extracting(Token::kind, Token::value).containsExactly(
        tuple(TokenKind.IDENTIFIER, "type"), tuple(TokenKind.STRING, "x"),
        tuple(TokenKind.IDENTIFIER, "e"), tuple(TokenKind.STRING, "y"));
  }

  @Test
  void identifiersFoldAsciiOnlyAndKeepDollarsAndNonAscii() throws SqlLexException {
    assertThat(lex("ÄbC a$1 _x Straße")).extracting(Token::value).containsExactly("Äbc", "a$1", "_x", "straße");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "42|42", "3.5|3.5", ".5|.5", "1.|1.", "1e10|1e10", "1.5E-3|1.5E-3", "1_000|1_000",
      "0x1F|0x1F", "0X_ff|0X_ff", "0o17|0o17", "0b101|0b101"})
  void numbers(String sql, String text) throws SqlLexException {
    assertThat(lex(sql)).extracting(Token::kind, Token::text).containsExactly(tuple(TokenKind.NUMBER, text));
  }

  @Test
  void aRangeIsAnIntegerThenDotDot() throws SqlLexException {
    assertThat(lex("1..10")).extracting(Token::kind, Token::text).containsExactly(
        tuple(TokenKind.NUMBER, "1"), tuple(TokenKind.DOT_DOT, ".."), tuple(TokenKind.NUMBER, "10"));
  }

  @Test
  void operatorsFollowPostgresqlsRulesForTrailingSignsAndComments() throws SqlLexException {
    assertThat(lex("a=-1")).extracting(Token::text).containsExactly("a", "=", "-", "1");
    assertThat(lex("a @- b")).extracting(Token::text).containsExactly("a", "@-", "b");
    assertThat(lex("a+/*c*/b")).extracting(Token::text).containsExactly("a", "+", "b");
    assertThat(lex("a<--c\n>b")).extracting(Token::text).containsExactly("a", "<", ">", "b");
    assertThat(lex("x->>'k' #>> '{a}' <> != <= ||")).extracting(Token::text)
        .containsExactly("x", "->>", "'k'", "#>>", "'{a}'", "<>", "!=", "<=", "||");
    assertThat(lex("f(a => 1, b := 2) a[1:2]")).extracting(Token::kind).containsExactly(
        TokenKind.IDENTIFIER, TokenKind.LEFT_PAREN, TokenKind.IDENTIFIER, TokenKind.OPERATOR, TokenKind.NUMBER,
        TokenKind.COMMA, TokenKind.IDENTIFIER, TokenKind.OPERATOR, TokenKind.NUMBER, TokenKind.RIGHT_PAREN,
        TokenKind.IDENTIFIER, TokenKind.LEFT_BRACKET, TokenKind.NUMBER, TokenKind.COLON, TokenKind.NUMBER,
        TokenKind.RIGHT_BRACKET);
  }

  @Test
  void commentsNestAndProduceNoTokens() throws SqlLexException {
    assertThat(lex("/* a /* b */ c */ 1 -- x\n/***/2")).extracting(Token::text).containsExactly("1", "2");
    assertThat(lex("-- only\n/* comments */")).isEmpty();
  }

  @Test
  void unexpectedCharactersBecomeTokensForTheParserToReject() throws SqlLexException {
    assertThat(lex("{ $ \\ \uD83D\uDE00")).extracting(Token::kind, Token::text).containsExactly(
        tuple(TokenKind.UNEXPECTED, "{"), tuple(TokenKind.UNEXPECTED, "$"), tuple(TokenKind.UNEXPECTED, "\\"),
        tuple(TokenKind.IDENTIFIER, "\uD83D\uDE00"));
  }

  @Test
  void standardConformingStringsOffMakesBackslashEscapeInPlainStrings() throws SqlLexException {
    assertThat(new SqlLexer(false).tokenize("'it\\'s'")).extracting(Token::value).containsExactly("it's");
    assertThatThrownBy(() -> lex("'it\\'s'")).isInstanceOf(SqlLexException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "SELECT 'abc                  | unterminated quoted string at position 7",
      "SELECT E'abc\\'              | unterminated quoted string at position 7",
      "SELECT \"abc                 | unterminated quoted identifier at position 7",
      "SELECT \"\"                  | zero-length delimited identifier at position 7",
      "SELECT /* a /* b */          | unterminated /* comment at position 7",
      "SELECT $$abc                 | unterminated dollar-quoted string at position 7",
      "SELECT $a$abc$b$             | unterminated dollar-quoted string at position 7",
      "SELECT 12ab                  | trailing junk after numeric literal at position 7",
      "SELECT 1.5x                  | trailing junk after numeric literal at position 7",
      "SELECT 0b2                   | trailing junk after numeric literal at position 7",
      "SELECT 1__0                  | trailing junk after numeric literal at position 7",
      "SELECT $1x                   | trailing junk after parameter at position 7",
      "SELECT E'\\u00'              | invalid Unicode escape at position 7",
      "SELECT E'\\U00110000'        | invalid Unicode escape value at position 7",
      "SELECT E'\\uD83D'            | invalid Unicode surrogate pair at position 7",
      "SELECT U&'\\0000'            | invalid Unicode escape value at position 7",
      "SELECT U&'x' UESCAPE x       | UESCAPE must be followed by a simple string literal at position 21",
      "SELECT U&'x' UESCAPE 'a'     | invalid Unicode escape character at position 7",
  })
  void lexicalErrorsNameTheProblemAndWhereTheTokenStarts(String sql, String message) {
    assertThatThrownBy(() -> lex(sql)).isInstanceOf(SqlLexException.class).hasMessage(message);
  }
}
