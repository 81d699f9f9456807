package dev.hyperdrive.auth;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.BackendKeyData;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.ParameterStatus;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.frontend.AuthResponseKind;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import dev.hyperdrive.wire.frontend.GssEncRequest;
import dev.hyperdrive.wire.frontend.SslRequest;
import dev.hyperdrive.wire.frontend.StartupMessage;
import dev.hyperdrive.wire.frontend.Terminate;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test server that does only the login, with {@link ServerAuthenticator} over {@link BlockingWire}: the
 * seam where a real driver meets our server half. It knows one user; after a successful login it sends what
 * drivers need to finish connecting (ParameterStatus, BackendKeyData, ReadyForQuery) and waits for Terminate.
 */
final class TestLoginServer implements AutoCloseable {
  /** How one login ended, as the server saw it: SQLSTATE 00000 for success. */
  record Outcome(String user, String sqlState, String message) {}

  private final AuthMethod method;
  private final String user;
  private final UserSecret secret;
  private final ServerSocket listener;
  private final Thread acceptor;
  private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

  TestLoginServer(AuthMethod method, String user, UserSecret secret) throws IOException {
    this.method = method;
    this.user = user;
    this.secret = secret;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "test-login-server-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + listener.getLocalPort() + "/test";
  }

  /** The next login's outcome, waiting for it. */
  Outcome nextOutcome() throws InterruptedException {
    Outcome outcome = outcomes.poll(10, TimeUnit.SECONDS);
    if (outcome == null) {
      throw new AssertionError("the test server saw no login within 10 s");
    }
    return outcome;
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try (Socket socket = listener.accept(); BlockingWire wire = new BlockingWire(socket)) {
        serve(wire);
      } catch (IOException | RuntimeException | ProtocolException e) {
        if (!listener.isClosed()) {
          outcomes.add(new Outcome(null, "08P01", e.toString()));
        }
      }
    }
  }

  private void serve(BlockingWire wire) throws IOException, ProtocolException {
    FrontendMessage startup = wire.receiveStartup();
    while (startup == SslRequest.INSTANCE || startup == GssEncRequest.INSTANCE) {
      wire.sendByte('N'); // no encryption here; the client goes on in plaintext
      startup = wire.receiveStartup();
    }
    String requestedUser = ((StartupMessage) startup).parameter("user");
    ServerAuthenticator authenticator =
        new ServerAuthenticator(method, requestedUser, user.equals(requestedUser) ? secret : null);
    wire.send(authenticator.start());
    try {
      while (authenticator.state() != ServerAuthenticator.State.SUCCEEDED) {
        FrontendMessage answer = wire.receiveFrontend(authenticator.expectedResponse());
        for (BackendMessage reply : authenticator.receive(answer)) {
          wire.send(reply);
        }
      }
    } catch (AuthenticationException refused) {
      wire.send(refused.toErrorResponse());
      outcomes.add(new Outcome(requestedUser, refused.sqlState(), refused.getMessage()));
      return;
    }
    outcomes.add(new Outcome(requestedUser, "00000", "authenticated with " + authenticator.method()));
    wire.send(new ParameterStatus("client_encoding", "UTF8"));
    wire.send(new ParameterStatus("server_version", "17.0"));
    wire.send(new ParameterStatus("integer_datetimes", "on"));
    wire.send(new ParameterStatus("standard_conforming_strings", "on"));
    wire.send(new BackendKeyData(4242, 2424));
    wire.send(new ReadyForQuery(TransactionStatus.IDLE));
    awaitTerminate(wire);
  }

  private void awaitTerminate(BlockingWire wire) throws IOException, ProtocolException {
    try {
      FrontendMessage message = wire.receiveFrontend(AuthResponseKind.PASSWORD);
      if (message != Terminate.INSTANCE) {
        // A login-only server cannot answer anything else; say so loudly rather than leave the driver hanging.
        outcomes.add(new Outcome(null, "0A000", "the test server cannot answer " + message));
      }
    } catch (EOFException closed) {
      // the driver closed without Terminate
    }
  }
}
