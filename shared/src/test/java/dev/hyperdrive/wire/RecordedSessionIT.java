package dev.hyperdrive.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.PostgresExtension;
import dev.hyperdrive.wire.backend.AuthenticationCleartextPassword;
import dev.hyperdrive.wire.backend.AuthenticationMd5Password;
import dev.hyperdrive.wire.backend.AuthenticationOk;
import dev.hyperdrive.wire.backend.AuthenticationSasl;
import dev.hyperdrive.wire.backend.AuthenticationSaslContinue;
import dev.hyperdrive.wire.backend.AuthenticationSaslFinal;
import dev.hyperdrive.wire.backend.BackendKeyData;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.BindComplete;
import dev.hyperdrive.wire.backend.CommandComplete;
import dev.hyperdrive.wire.backend.CopyInResponse;
import dev.hyperdrive.wire.backend.CopyOutResponse;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.NoticeResponse;
import dev.hyperdrive.wire.backend.ParameterStatus;
import dev.hyperdrive.wire.backend.ParseComplete;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.backend.RowDescription;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.PasswordMessage;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.SaslInitialResponse;
import dev.hyperdrive.wire.frontend.SaslResponse;
import dev.hyperdrive.wire.frontend.StartupMessage;
import dev.hyperdrive.wire.frontend.Sync;
import dev.hyperdrive.wire.frontend.Terminate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our codec against the real thing: pgjdbc sessions with the real PostgreSQL, recorded on the wire,
 * must decode frame by frame in both directions, re-encode to identical bytes, and be cut into the
 * same frames by {@link PgFrameDecoder} however TCP happens to chunk them.
 */
@ExtendWith(PostgresExtension.class)
class RecordedSessionIT {
  private static final Map<String, RecordedSession> sessions = new LinkedHashMap<>();

  @BeforeAll
  static void recordOneSessionPerAuthenticationMethod(EmbeddedOrigin origin) throws Exception {
    sessions.put(EmbeddedOrigin.USER, RecordedSession.record(origin, EmbeddedOrigin.USER, EmbeddedOrigin.PASSWORD));
    sessions.put(EmbeddedOrigin.MD5_USER,
        RecordedSession.record(origin, EmbeddedOrigin.MD5_USER, EmbeddedOrigin.MD5_PASSWORD));
    sessions.put(EmbeddedOrigin.CLEARTEXT_USER,
        RecordedSession.record(origin, EmbeddedOrigin.CLEARTEXT_USER, EmbeddedOrigin.CLEARTEXT_PASSWORD));
  }

  @ParameterizedTest(name = "{0}: every frontend frame decodes and re-encodes identically")
  @ValueSource(strings = {EmbeddedOrigin.USER, EmbeddedOrigin.MD5_USER, EmbeddedOrigin.CLEARTEXT_USER})
  void frontendFramesRoundTrip(String user) throws ProtocolException {
    List<FrontendMessage> messages = SessionDecoding.frontendMessages(sessions.get(user));

    assertThat(messages.get(0)).isInstanceOfSatisfying(StartupMessage.class,
        startup -> assertThat(startup.parameters()).containsEntry("user", user));
    assertThat(messages.get(messages.size() - 1)).isSameAs(Terminate.INSTANCE);
  }

  @ParameterizedTest(name = "{0}: every backend frame decodes and re-encodes identically")
  @ValueSource(strings = {EmbeddedOrigin.USER, EmbeddedOrigin.MD5_USER, EmbeddedOrigin.CLEARTEXT_USER})
  void backendFramesRoundTrip(String user) throws ProtocolException {
    List<BackendMessage> messages = SessionDecoding.backendMessages(sessions.get(user));

    assertThat(messages).contains(AuthenticationOk.INSTANCE);
    assertThat(messages.get(messages.size() - 1)).isInstanceOf(ReadyForQuery.class);
  }

  @ParameterizedTest(name = "{0}: PgFrameDecoder cuts the recorded frames from any chunking")
  @ValueSource(strings = {EmbeddedOrigin.USER, EmbeddedOrigin.MD5_USER, EmbeddedOrigin.CLEARTEXT_USER})
  void pgFrameDecoderAgreesWithTheRecording(String user) {
    RecordedSession session = sessions.get(user);
    int answers = SessionDecoding.encryptionAnswers(session);
    byte[] backendFrames = Arrays.copyOfRange(session.backend(), answers, session.backend().length);
    for (long seed = 1; seed <= 5; seed++) {
      assertThat(SessionDecoding.cutByPgFrameDecoder(Direction.FRONTEND, session.frontend(), new Random(seed)))
          .containsExactlyElementsOf(RecordedFrames.frontend(session.frontend()));
      assertThat(SessionDecoding.cutByPgFrameDecoder(Direction.BACKEND, backendFrames, new Random(seed)))
          .containsExactlyElementsOf(RecordedFrames.backend(session.backend(), answers));
    }
  }

  @Test
  void scramSessionCoversEveryFlowTheRelayCarries() throws ProtocolException {
    RecordedSession session = sessions.get(EmbeddedOrigin.USER);
    List<FrontendMessage> frontend = SessionDecoding.frontendMessages(session);
    List<BackendMessage> backend = SessionDecoding.backendMessages(session);

    // Startup and SCRAM: SASLInitialResponse then SASLResponse, answered by Continue, Final and Ok.
    assertThat(typesOf(frontend)).contains(SaslInitialResponse.class, SaslResponse.class, Query.class,
        Parse.class, Bind.class, Execute.class, Sync.class, Terminate.class,
        dev.hyperdrive.wire.frontend.CopyData.class, dev.hyperdrive.wire.frontend.CopyDone.class);
    assertThat(typesOf(backend)).contains(AuthenticationSasl.class, AuthenticationSaslContinue.class,
        AuthenticationSaslFinal.class, ParameterStatus.class, BackendKeyData.class, RowDescription.class,
        DataRow.class, CommandComplete.class, ParseComplete.class, BindComplete.class, NoticeResponse.class,
        CopyInResponse.class, CopyOutResponse.class,
        dev.hyperdrive.wire.backend.CopyData.class, dev.hyperdrive.wire.backend.CopyDone.class);

    // prepareThreshold=2: the first execution used the unnamed statement, later ones a named one.
    Set<String> statementNames = frontend.stream().filter(Parse.class::isInstance)
        .map(message -> ((Parse) message).statement()).collect(Collectors.toSet());
    assertThat(statementNames).contains("").anyMatch(name -> !name.isEmpty());

    // Division by zero, once in the simple and once in the extended protocol; and a rolled-back transaction.
    assertThat(backend).filteredOn(ErrorResponse.class::isInstance)
        .extracting(message -> ((ErrorResponse) message).sqlState()).containsExactly("22012", "22012");
    assertThat(backend).filteredOn(ReadyForQuery.class::isInstance)
        .extracting(message -> ((ReadyForQuery) message).status())
        .contains(TransactionStatus.IDLE, TransactionStatus.IN_TRANSACTION);
  }

  @Test
  void md5AndCleartextSessionsAnswerTheirChallengeWithOnePasswordMessage() throws ProtocolException {
    assertChallengeAndAnswer(EmbeddedOrigin.MD5_USER, AuthenticationMd5Password.class);
    assertChallengeAndAnswer(EmbeddedOrigin.CLEARTEXT_USER, AuthenticationCleartextPassword.class);
  }

  private static void assertChallengeAndAnswer(String user, Class<?> challenge) throws ProtocolException {
    RecordedSession session = sessions.get(user);
    assertThat(typesOf(SessionDecoding.backendMessages(session))).contains(challenge)
        .doesNotContain(AuthenticationSasl.class);
    assertThat(SessionDecoding.frontendMessages(session)).filteredOn(PasswordMessage.class::isInstance).hasSize(1);
  }

  private static Set<Class<?>> typesOf(List<?> messages) {
    return messages.stream().map(Object::getClass).collect(Collectors.toSet());
  }
}
