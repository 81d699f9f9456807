package dev.hyperdrive.endpoint.cache;

import dev.hyperdrive.cache.CatalogFunctionVolatility;
import dev.hyperdrive.cache.FunctionRow;
import dev.hyperdrive.endpoint.origin.OriginConnection;
import dev.hyperdrive.endpoint.origin.OriginListener;
import dev.hyperdrive.endpoint.pool.Checkout;
import dev.hyperdrive.endpoint.pool.OriginPool;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.BackendDecoder;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.frontend.Query;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the origin's function catalog ({@link CatalogFunctionVolatility#CATALOG_QUERY}) on a pooled
 * connection, between two clients' transactions: the connection is checked out like any client's and
 * given back clean at the query's ReadyForQuery 'I' (discarded if anything went wrong). After the grant,
 * every step runs on the connection's event loop.
 */
final class CatalogQuery implements OriginListener {
  private final CompletableFuture<List<FunctionRow>> rows = new CompletableFuture<>();
  private final List<FunctionRow> collected = new ArrayList<>();
  private Checkout checkout;
  private String failure;

  private CatalogQuery() {}

  /** Runs the query on a connection of {@code pool}. */
  static CompletableFuture<List<FunctionRow>> run(OriginPool pool) {
    CatalogQuery query = new CatalogQuery();
    // The grant may complete while the pool's lock is held: continue on the connection's own loop.
    pool.acquire(query).whenComplete((granted, error) -> {
      if (error != null) {
        query.rows.completeExceptionally(error);
      } else {
        granted.connection().eventLoop().execute(() -> query.start(granted));
      }
    });
    return query.rows;
  }

  private void start(Checkout granted) {
    checkout = granted;
    ByteBuf frame = ByteBufAllocator.DEFAULT.buffer();
    new Query(CatalogFunctionVolatility.CATALOG_QUERY).encode(frame);
    checkout.markBusy();
    checkout.connection().write(List.of(frame));
    checkout.connection().requestRead();
  }

  @Override
  public void onFrames(OriginConnection connection, List<ByteBuf> frames) {
    try {
      for (ByteBuf frame : frames) {
        if (!rows.isDone()) {
          onMessage(BackendDecoder.decode(frame));
        }
      }
    } catch (ProtocolException | IllegalArgumentException | IndexOutOfBoundsException malformed) {
      finish(false, "unexpected catalog answer: " + malformed.getMessage());
    } finally {
      frames.forEach(ByteBuf::release);
    }
    if (!rows.isDone()) {
      connection.requestRead();
    }
  }

  private void onMessage(BackendMessage message) {
    if (message instanceof DataRow row) {
      List<byte[]> columns = row.columns();
      collected.add(FunctionRow.of(text(columns.get(0)), text(columns.get(1)), text(columns.get(2)).charAt(0)));
    } else if (message instanceof ErrorResponse error) {
      failure = error.sqlState() + ": " + error.message();
    } else if (message instanceof ReadyForQuery ready) {
      finish(ready.status() == TransactionStatus.IDLE, failure);
    }
    // RowDescription, CommandComplete, notices and ParameterStatus need nothing.
  }

  private static String text(byte[] column) {
    return new String(column, StandardCharsets.UTF_8);
  }

  private void finish(boolean clean, String error) {
    if (clean) {
      checkout.markIdle();
      checkout.close();
    } else {
      checkout.discard();
    }
    if (error == null && clean) {
      rows.complete(List.copyOf(collected));
    } else {
      rows.completeExceptionally(new IllegalStateException("cannot read the origin's pg_proc: " + error));
    }
  }

  @Override
  public void onWritabilityChanged(OriginConnection connection) {
    // One small frame is all this query writes.
  }

  @Override
  public void onClosed(OriginConnection connection, Throwable cause) {
    if (!rows.isDone()) {
      checkout.discard();
      rows.completeExceptionally(new IllegalStateException("the origin closed the connection while its pg_proc was read"));
    }
  }
}
