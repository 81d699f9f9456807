package dev.hyperdrive.endpoint.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test double of an origin that accepts TCP connections and never says a word (an overloaded or
 * wedged server): set-ups to it can only time out. Counts the connections it accepted.
 */
final class SilentOrigin implements AutoCloseable {
  private final ServerSocket listener;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  SilentOrigin() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptAll, "silent-origin");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  int accepted() {
    return accepted.size();
  }

  private void acceptAll() {
    try {
      while (true) {
        accepted.add(listener.accept());
      }
    } catch (IOException closed) {
      // close() ends the loop.
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : accepted) {
      socket.close();
    }
  }
}
