package dev.hyperdrive.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP relay for one connection that records every byte in each direction: put it between a real
 * driver and a real server to capture a whole session as it crossed the wire.
 *
 * <p>Bytes are forwarded unchanged as they arrive; end-of-stream in one direction half-closes the
 * other side, so a driver's Terminate and the server's close flow through exactly as without the
 * relay.
 */
public final class RecordingTcpRelay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RecordingTcpRelay.class);

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final ByteArrayOutputStream clientToServer = new ByteArrayOutputStream();
  private final ByteArrayOutputStream serverToClient = new ByteArrayOutputStream();
  private final CountDownLatch directionsClosed = new CountDownLatch(2);
  private volatile Socket client;
  private volatile Socket server;

  private RecordingTcpRelay(ServerSocket listener, InetSocketAddress target) {
    this.listener = listener;
    this.target = target;
  }

  /** Listens on a free loopback port and relays the first connection to {@code host:port}. */
  public static RecordingTcpRelay start(String host, int port) throws IOException {
    ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    RecordingTcpRelay relay = new RecordingTcpRelay(listener, new InetSocketAddress(host, port));
    Thread acceptor = new Thread(relay::acceptOne, "recording-relay-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return relay;
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Everything the client sent so far. */
  public byte[] clientToServer() {
    synchronized (clientToServer) {
      return clientToServer.toByteArray();
    }
  }

  /** Everything the server sent so far. */
  public byte[] serverToClient() {
    synchronized (serverToClient) {
      return serverToClient.toByteArray();
    }
  }

  /** Waits until both directions reached end-of-stream, i.e. the recording is complete. */
  public void awaitSessionEnd(Duration timeout) throws InterruptedException {
    if (!directionsClosed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("relayed session still open after " + timeout);
    }
  }

  private void acceptOne() {
    try {
      client = listener.accept();
      server = new Socket();
      server.connect(target, 5_000);
      pump("client->server", client, server, clientToServer);
      pump("server->client", server, client, serverToClient);
    } catch (IOException e) {
      if (!listener.isClosed()) {
        log.warn("recording relay could not connect {} to {}", client, target, e);
      }
      directionsClosed.countDown();
      directionsClosed.countDown();
    }
  }

  private void pump(String name, Socket from, Socket to, ByteArrayOutputStream recording) {
    Thread pump = new Thread(() -> copyUntilEndOfStream(from, to, recording), "recording-relay-" + name);
    pump.setDaemon(true);
    pump.start();
  }

  private void copyUntilEndOfStream(Socket from, Socket to, ByteArrayOutputStream recording) {
    byte[] buffer = new byte[8192];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int read;
      while ((read = in.read(buffer)) != -1) {
        synchronized (recording) {
          recording.write(buffer, 0, read);
        }
        out.write(buffer, 0, read);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      // The peer reset or we are closing: the recording ends here either way.
      log.debug("recording relay direction ended: {}", e.toString());
    } finally {
      directionsClosed.countDown();
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
      if (client != null) {
        client.close();
      }
      if (server != null) {
        server.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
