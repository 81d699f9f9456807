package dev.hyperdrive.edge;

import com.google.protobuf.ByteString;
import dev.hyperdrive.proto.relay.EdgeFrame;
import dev.hyperdrive.proto.relay.EndpointFrame;
import dev.hyperdrive.wire.Direction;
import dev.hyperdrive.wire.MessageLimits;
import dev.hyperdrive.wire.PgFrameDecoder;
import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.BindComplete;
import dev.hyperdrive.wire.backend.CloseComplete;
import dev.hyperdrive.wire.backend.CommandComplete;
import dev.hyperdrive.wire.backend.CopyInResponse;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.NoData;
import dev.hyperdrive.wire.backend.ParameterDescription;
import dev.hyperdrive.wire.backend.ParameterStatus;
import dev.hyperdrive.wire.backend.ParseComplete;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.backend.RowDescription;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Close;
import dev.hyperdrive.wire.frontend.CopyData;
import dev.hyperdrive.wire.frontend.CopyDone;
import dev.hyperdrive.wire.frontend.CopyFail;
import dev.hyperdrive.wire.frontend.Describe;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.FrontendDecoder;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Sync;
import dev.hyperdrive.wire.frontend.Target;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One relay stream of {@link ScriptedRelayServer}: re-frames the edge's bytes with PgFrameDecoder and
 * answers the few statements edge tests use exactly as PostgreSQL 17 answers them.
 */
final class ScriptedSession implements StreamObserver<EdgeFrame> {
  private static final RowDescription ONE_INT4 = new RowDescription(List.of(
      new RowDescription.Field("?column?", 0, (short) 0, 23, (short) 4, -1, (short) 0)));
  private static final RowDescription ONE_BYTEA = new RowDescription(List.of(
      new RowDescription.Field("payload", 0, (short) 0, 17, (short) -1, -1, (short) 0)));
  private static final int STREAM_ROW_BYTES = 8192;
  private static final int STREAM_CHUNK_BYTES = 1024 * 1024;

  private final ScriptedRelayServer server;
  private final ServerCallStreamObserver<EndpointFrame> responses;
  private final EmbeddedChannel reframer = new EmbeddedChannel(
      new PgFrameDecoder(Direction.FRONTEND, MessageLimits.DEFAULT, false));
  private String sessionId;
  private String statementText = "";
  private TransactionStatus status = TransactionStatus.IDLE;
  private volatile boolean queryRunning;
  private boolean readyForQueryHeld;
  private int copiedRows;
  private long streamRemaining;
  volatile boolean halfClosed;

  ScriptedSession(ScriptedRelayServer server, ServerCallStreamObserver<EndpointFrame> responses) {
    this.server = server;
    this.responses = responses;
    responses.setOnReadyHandler(this::produceStream);
  }

  @Override
  public synchronized void onNext(EdgeFrame frame) {
    if (frame.hasOpen()) {
      sessionId = frame.getOpen().getSessionId();
      server.sessions.put(sessionId, this);
    }
    server.received.add(new ScriptedRelayServer.Received(sessionId, frame.hasOpen() ? frame.getOpen() : null,
        frame.getFrames().toByteArray()));
    reframer.writeInbound(Unpooled.wrappedBuffer(frame.getFrames().toByteArray()));
    ByteBuf out = Unpooled.buffer();
    try {
      for (ByteBuf message = reframer.readInbound(); message != null; message = reframer.readInbound()) {
        try {
          answer(FrontendDecoder.decode(message), out);
        } catch (ProtocolException e) {
          throw new AssertionError("edge relayed a malformed frame", e);
        } finally {
          message.release();
        }
      }
      send(out);
    } finally {
      out.release();
    }
  }

  @Override
  public void onError(Throwable error) {
    halfClosed = true;
  }

  @Override
  public void onCompleted() {
    halfClosed = true;
    responses.onCompleted();
  }

  boolean isQueryRunning() {
    return queryRunning;
  }

  /** Answers a query blocked in pg_sleep with the error PostgreSQL sends on cancel. */
  synchronized boolean cancelRunningQuery() {
    if (!queryRunning) {
      return false;
    }
    queryRunning = false;
    ByteBuf out = Unpooled.buffer();
    write(out, ErrorResponse.error("57014", "canceling statement due to user request"));
    if (readyForQueryHeld) {
      readyForQueryHeld = false;
      write(out, ReadyForQuery.of(status));
    }
    send(out);
    out.release();
    return true;
  }

  private void answer(FrontendMessage message, ByteBuf out) {
    if (message instanceof Query) {
      answerQuery(((Query) message).sql().trim().toLowerCase(Locale.ROOT), out);
    } else if (message instanceof Parse) {
      statementText = ((Parse) message).query().trim().toLowerCase(Locale.ROOT);
      write(out, ParseComplete.INSTANCE);
    } else if (message instanceof Bind) {
      write(out, BindComplete.INSTANCE);
    } else if (message instanceof Describe) {
      if (((Describe) message).target() == Target.STATEMENT) {
        write(out, new ParameterDescription(new int[0]));
      }
      write(out, statementText.equals("select 1") ? ONE_INT4 : NoData.INSTANCE);
    } else if (message instanceof Execute) {
      if (statementText.startsWith("select pg_sleep")) {
        queryRunning = true;
      } else if (statementText.equals("select 1")) {
        write(out, selectOneRow(), new CommandComplete("SELECT 1"));
      } else {
        write(out, new CommandComplete(statementText.toUpperCase(Locale.ROOT).split(" ")[0]));
      }
    } else if (message == Sync.INSTANCE) {
      if (queryRunning) {
        readyForQueryHeld = true;
      } else {
        write(out, ReadyForQuery.of(status));
      }
    } else if (message instanceof Close) {
      write(out, CloseComplete.INSTANCE);
    } else if (message instanceof CopyData) {
      copiedRows += countLines(((CopyData) message).data());
    } else if (message == CopyDone.INSTANCE) {
      write(out, new CommandComplete("COPY " + copiedRows), ReadyForQuery.of(status));
    } else if (message instanceof CopyFail) {
      write(out, ErrorResponse.error("57014", "COPY from stdin failed: " + ((CopyFail) message).message()),
          ReadyForQuery.of(status));
    }
  }

  private void answerQuery(String sql, ByteBuf out) {
    if (sql.equals("select 1")) {
      write(out, ONE_INT4, selectOneRow(), new CommandComplete("SELECT 1"), ReadyForQuery.of(status));
    } else if (sql.equals("begin")) {
      status = TransactionStatus.IN_TRANSACTION;
      write(out, new CommandComplete("BEGIN"), ReadyForQuery.of(status));
    } else if (sql.equals("commit") || sql.equals("rollback")) {
      status = TransactionStatus.IDLE;
      write(out, new CommandComplete(sql.toUpperCase(Locale.ROOT)), ReadyForQuery.of(status));
    } else if (sql.startsWith("set application_name = '")) {
      // pgjdbc sends this after connecting unless told the server is >= 9.0; application_name is GUC_REPORT.
      String value = sql.substring("set application_name = '".length(), sql.length() - 1);
      write(out, new ParameterStatus("application_name", value), new CommandComplete("SET"), ReadyForQuery.of(status));
    } else if (sql.startsWith("select pg_sleep")) {
      queryRunning = true;
      readyForQueryHeld = true;
    } else if (sql.startsWith("copy ") && sql.endsWith("from stdin")) {
      copiedRows = 0;
      write(out, new CopyInResponse((byte) 0, new short[] {0}));
    } else if (sql.startsWith("stream ")) {
      streamRemaining = Long.parseLong(sql.substring("stream ".length()));
      write(out, ONE_BYTEA);
      send(out);
      produceStream();
    } else {
      System.err.println("scripted endpoint: no script for query: " + sql);
      write(out, ErrorResponse.error("42601", "syntax error at or near \"" + sql.split(" ")[0] + "\""),
          ReadyForQuery.of(status));
    }
  }

  /** Streams the rows of a "stream N" query as fast as the edge takes them, never faster. */
  private synchronized void produceStream() {
    while (streamRemaining > 0 && responses.isReady()) {
      ByteBuf chunk = Unpooled.buffer(STREAM_CHUNK_BYTES + 64);
      byte[] payload = new byte[STREAM_ROW_BYTES];
      Arrays.fill(payload, (byte) 'x');
      while (streamRemaining > 0 && chunk.readableBytes() < STREAM_CHUNK_BYTES) {
        int rowBytes = (int) Math.min(STREAM_ROW_BYTES, streamRemaining);
        write(chunk, new DataRow(List.of(rowBytes == STREAM_ROW_BYTES ? payload : Arrays.copyOf(payload, rowBytes))));
        streamRemaining -= rowBytes;
      }
      if (streamRemaining == 0) {
        write(chunk, new CommandComplete("SELECT"), ReadyForQuery.of(status));
      }
      send(chunk);
      chunk.release();
    }
  }

  private static DataRow selectOneRow() {
    return new DataRow(List.of("1".getBytes(StandardCharsets.US_ASCII)));
  }

  private static int countLines(byte[] data) {
    int lines = 0;
    for (byte b : data) {
      if (b == '\n') {
        lines++;
      }
    }
    return lines;
  }

  private static void write(ByteBuf out, PgMessage... messages) {
    for (PgMessage message : messages) {
      message.encode(out);
    }
  }

  /** Sends what {@code out} holds and empties it; the caller still owns the buffer. */
  private void send(ByteBuf out) {
    if (out.isReadable()) {
      responses.onNext(EndpointFrame.newBuilder().setFrames(ByteString.copyFrom(out.nioBuffer())).build());
      out.clear();
    }
  }
}
