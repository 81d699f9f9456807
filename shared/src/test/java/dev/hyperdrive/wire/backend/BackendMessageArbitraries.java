package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.TransactionStatus;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for every backend message type, including unknown notice fields and SQL NULLs. */
final class BackendMessageArbitraries {
  private BackendMessageArbitraries() {}

  static Arbitrary<BackendMessage> anyMessage() {
    return Arbitraries.oneOf(List.of(
        fieldless(),
        bytes().ofSize(4).map(AuthenticationMd5Password::new),
        bytes().map(AuthenticationGssContinue::new),
        bytes().map(AuthenticationSaslContinue::new),
        bytes().map(AuthenticationSaslFinal::new),
        text().filter(s -> !s.isEmpty()).list().ofMaxSize(4).map(AuthenticationSasl::new),
        Combinators.combine(Arbitraries.integers(), Arbitraries.integers()).as(BackendKeyData::new),
        text().map(CommandComplete::new),
        Combinators.combine(Arbitraries.bytes(), formats()).as(CopyInResponse::new),
        Combinators.combine(Arbitraries.bytes(), formats()).as(CopyOutResponse::new),
        Combinators.combine(Arbitraries.bytes(), formats()).as(CopyBothResponse::new),
        bytes().map(CopyData::new),
        bytes().injectNull(0.2).list().ofMaxSize(12).map(DataRow::new),
        notice().map(ErrorResponse::new),
        notice().map(NoticeResponse::new),
        bytes().injectNull(0.3).map(FunctionCallResponse::new),
        Combinators.combine(Arbitraries.integers(), text().list().ofMaxSize(4)).as(NegotiateProtocolVersion::new),
        Combinators.combine(Arbitraries.integers(), text(), text()).as(NotificationResponse::new),
        Arbitraries.integers().array(int[].class).ofMaxSize(12).map(ParameterDescription::new),
        Combinators.combine(text(), text()).as(ParameterStatus::new),
        Arbitraries.of(TransactionStatus.class).map(ReadyForQuery::of),
        rowField().list().ofMaxSize(6).map(RowDescription::new)));
  }

  private static Arbitrary<BackendMessage> fieldless() {
    return Arbitraries.of(
        AuthenticationOk.INSTANCE, AuthenticationKerberosV5.INSTANCE, AuthenticationCleartextPassword.INSTANCE,
        AuthenticationGss.INSTANCE, AuthenticationSspi.INSTANCE, ParseComplete.INSTANCE, BindComplete.INSTANCE,
        CloseComplete.INSTANCE, NoData.INSTANCE, EmptyQueryResponse.INSTANCE, PortalSuspended.INSTANCE,
        CopyDone.INSTANCE);
  }

  /** Any text a C string can hold: no NUL and no lone surrogate (which UTF-8 cannot carry). */
  private static Arbitrary<String> text() {
    return Arbitraries.strings()
        .withCharRange('\u0001', '\ud7ff')
        .withCharRange('\ue000', '\uffff')
        .ofMaxLength(24);
  }

  private static net.jqwik.api.arbitraries.ArrayArbitrary<Byte, byte[]> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
  }

  private static Arbitrary<short[]> formats() {
    return Arbitraries.shorts().between((short) 0, (short) 1).array(short[].class).ofMaxSize(8);
  }

  /** Known and unknown codes, repeats allowed: what a future server might send must survive a round trip. */
  private static Arbitrary<Notice> notice() {
    Arbitrary<Byte> code = Arbitraries.oneOf(List.of(
        Arbitraries.of("SVCMDHPpqWstcdnFLR".chars().boxed().collect(Collectors.toList())).map(c -> (byte) (int) c),
        Arbitraries.bytes().filter(b -> b != 0)));
    return Combinators.combine(code, text()).as(Notice.Field::new).list().ofMaxSize(20).map(Notice::new);
  }

  private static Arbitrary<RowDescription.Field> rowField() {
    return Combinators.combine(
            text(), Arbitraries.integers(), Arbitraries.shorts(), Arbitraries.integers(), Arbitraries.shorts(),
            Arbitraries.integers(), Arbitraries.shorts().between((short) 0, (short) 1))
        .as(RowDescription.Field::new);
  }
}
