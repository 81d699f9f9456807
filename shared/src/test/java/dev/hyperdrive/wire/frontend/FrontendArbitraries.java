package dev.hyperdrive.wire.frontend;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for every frontend message, with the field ranges the wire format allows. */
final class FrontendArbitraries {
  private FrontendArbitraries() {}

  /** Any message of the startup phase (untagged packets). */
  static Arbitrary<FrontendMessage> startupPhase() {
    return Arbitraries.oneOf(startupMessage(), encryptionRequest(), cancelRequest());
  }

  /** Any tagged message, including the three readings of 'p'. */
  static Arbitrary<FrontendMessage> tagged() {
    return Arbitraries.oneOf(List.of(
        text().map(Query::new),
        Combinators.combine(name(), text(), ints()).as(Parse::new),
        Combinators.combine(name(), name(), shorts(), values(), shorts()).as(Bind::new),
        Combinators.combine(target(), name()).as(Describe::new),
        Combinators.combine(target(), name()).as(Close::new),
        Combinators.combine(name(), Arbitraries.integers()).as(Execute::new),
        Arbitraries.of(Sync.INSTANCE, Flush.INSTANCE, Terminate.INSTANCE, CopyDone.INSTANCE),
        bytes().map(CopyData::new),
        text().map(CopyFail::new),
        Combinators.combine(Arbitraries.integers(), shorts(), values(), Arbitraries.shorts()).as(FunctionCall::new),
        text().map(PasswordMessage::new),
        Combinators.combine(name(), bytes().injectNull(0.2)).as(SaslInitialResponse::new),
        bytes().map(SaslResponse::new)));
  }

  static Arbitrary<FrontendMessage> startupMessage() {
    Arbitrary<Integer> version = Arbitraries.integers().between(0, 0xFFFF).map(minor -> StartupMessage.PROTOCOL_3_0 | minor)
        .edgeCases(edges -> edges.add(StartupMessage.PROTOCOL_3_0));
    return Combinators.combine(version, Arbitraries.maps(name().filter(n -> !n.isEmpty()), text()).ofMaxSize(4))
        .as(StartupMessage::new);
  }

  static Arbitrary<FrontendMessage> encryptionRequest() {
    return Arbitraries.of(SslRequest.INSTANCE, GssEncRequest.INSTANCE);
  }

  static Arbitrary<FrontendMessage> cancelRequest() {
    return Combinators.combine(Arbitraries.integers(), Arbitraries.integers()).as(CancelRequest::new);
  }

  /** How the server must read a 'p' frame carrying {@code message}. */
  static AuthResponseKind kindOf(FrontendMessage message) {
    if (message instanceof SaslInitialResponse) {
      return AuthResponseKind.SASL_INITIAL;
    }
    return message instanceof SaslResponse ? AuthResponseKind.SASL_RESPONSE : AuthResponseKind.PASSWORD;
  }

  static boolean isStartupPhase(FrontendMessage message) {
    return message instanceof StartupMessage || message instanceof SslRequest
        || message instanceof GssEncRequest || message instanceof CancelRequest;
  }

  /** Statement, portal and parameter names: short, often empty (unnamed). */
  private static Arbitrary<String> name() {
    return Arbitraries.strings().withCharRange('a', 'z').withChars('_', '.', '$').ofMaxLength(8);
  }

  /** Any text a C string can carry: no NUL, no lone surrogates (they do not survive UTF-8). */
  private static Arbitrary<String> text() {
    Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40);
    Arbitrary<String> unicode = Arbitraries.strings()
        .withCharRange('\u0001', '\uD7FF').withCharRange('\uE000', '\uFFFF').ofMaxLength(12);
    return Arbitraries.oneOf(ascii, unicode);
  }

  private static Arbitrary<byte[]> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
  }

  private static Arbitrary<List<byte[]>> values() {
    return bytes().injectNull(0.2).list().ofMaxSize(5);
  }

  private static Arbitrary<short[]> shorts() {
    return Arbitraries.shorts().array(short[].class).ofMaxSize(4);
  }

  private static Arbitrary<int[]> ints() {
    return Arbitraries.integers().array(int[].class).ofMaxSize(4);
  }

  private static Arbitrary<Target> target() {
    return Arbitraries.of(Target.class);
  }
}
