package dev.hyperdrive.endpoint.prepared;

import dev.hyperdrive.wire.Frames;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.backend.BackendDecoder;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.CommandComplete;
import dev.hyperdrive.wire.backend.ErrorResponse;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers one checked-out origin connection still owes, in the order its messages were sent
 * (PgDog's protocol state). Each origin frame is matched to the oldest entry and judged by that entry's
 * {@link ResponseHandling}; entries learn their outcome, so state changes (a statement now exists on the
 * connection, a failed Parse is forgotten) follow what the origin really did.
 *
 * <p>Errors follow PostgreSQL's rule: an ErrorResponse fails the extended-protocol message it answers and
 * every later one up to the next Sync, which the server skips; inside a simple Query it fails only that
 * Query. Asynchronous messages (NoticeResponse, ParameterStatus, NotificationResponse) pass through.
 */
public final class ResponseQueue {
  private static final Logger log = LoggerFactory.getLogger(ResponseQueue.class);
  private static final String ASYNCHRONOUS_TAGS = "NSA";
  private static final String IN_FAILED_TRANSACTION = "25P02";

  private final Deque<ExpectedResponse> entries = new ArrayDeque<>();

  void expect(ExpectedResponse entry) {
    entries.addLast(entry);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  int size() {
    return entries.size();
  }

  /** A new checkout begins: nothing is owed on it. */
  public void clear() {
    entries.clear();
  }

  /** Judges one origin frame; does not consume or release it. */
  public ResponseVerdict judge(ByteBuf frame) {
    byte tag = Frames.tag(frame);
    if (ASYNCHRONOUS_TAGS.indexOf(tag) >= 0 || entries.isEmpty()) {
      return ResponseVerdict.FORWARD;
    }
    switch (tag) {
      case 'Z':
        return readyForQuery();
      case 'E':
        return error(frame);
      default:
        return answer(tag, frame);
    }
  }

  private ResponseVerdict readyForQuery() {
    ExpectedResponse entry;
    while ((entry = entries.pollFirst()) != null && !entry.kind.isSyncPoint()) {
      log.warn("ReadyForQuery arrived while {} was still owed; treating it as skipped", entry);
      entry.outcome.failed(null);
    }
    if (entry != null && !entry.failed()) {
      entry.outcome.succeeded();
    }
    return ResponseVerdict.FORWARD;
  }

  private ResponseVerdict error(ByteBuf frame) {
    ErrorResponse error = decodeError(frame);
    ExpectedResponse failing = entries.peekFirst();
    if (failing.kind.isSyncPoint()) {
      // A simple Query's (or a Sync's commit) error ends only that message, at its ReadyForQuery.
      if (!failing.failed()) {
        failing.markFailed();
        failing.outcome.failed(error);
      }
    } else {
      entries.pollFirst();
      failing.outcome.failed(error);
      while (!entries.isEmpty() && !entries.peekFirst().kind.isSyncPoint()) {
        entries.pollFirst().outcome.failed(null); // the origin skips these until Sync
      }
    }
    if (failing.handling instanceof ResponseHandling.FailAs failAs && error != null
        && !IN_FAILED_TRANSACTION.equals(error.fields().sqlState())) {
      return new ResponseVerdict.Replace(failAs.error());
    }
    return ResponseVerdict.FORWARD;
  }

  private ResponseVerdict answer(byte tag, ByteBuf frame) {
    ExpectedResponse entry = entries.peekFirst();
    boolean commandComplete = tag == CommandComplete.TAG;
    if (commandComplete && (entry.kind == ResponseKind.EXECUTE || entry.kind == ResponseKind.QUERY)) {
      entry.outcome.commandCompleted(commandTag(frame));
    }
    if (entry.kind.completesWith(tag)) {
      entries.pollFirst();
      entry.outcome.succeeded();
      return completion(entry.handling);
    }
    if (!entry.kind.continuesWith(tag)) {
      log.warn("origin sent {} while {} was owed; forwarding it", Frames.describeTag(tag), entry);
      return ResponseVerdict.FORWARD;
    }
    if (entry.handling instanceof ResponseHandling.AnswerAs answerAs && commandComplete) {
      return new ResponseVerdict.Replace(answerAs.answer()); // a stand-in Query's CommandComplete
    }
    return entry.handling instanceof ResponseHandling.Forward || entry.handling instanceof ResponseHandling.FailAs
        ? ResponseVerdict.FORWARD
        : ResponseVerdict.SWALLOW;
  }

  private static ResponseVerdict completion(ResponseHandling handling) {
    if (handling instanceof ResponseHandling.Swallow) {
      return ResponseVerdict.SWALLOW;
    }
    if (handling instanceof ResponseHandling.AnswerAs answerAs) {
      return new ResponseVerdict.Replace(answerAs.answer());
    }
    return ResponseVerdict.FORWARD;
  }

  private static ErrorResponse decodeError(ByteBuf frame) {
    BackendMessage message = decode(frame);
    return message instanceof ErrorResponse ? (ErrorResponse) message : null;
  }

  private static String commandTag(ByteBuf frame) {
    BackendMessage message = decode(frame);
    return message instanceof CommandComplete ? ((CommandComplete) message).tag() : "";
  }

  private static BackendMessage decode(ByteBuf frame) {
    try {
      return BackendDecoder.decode(frame.duplicate());
    } catch (ProtocolException e) {
      log.warn("origin sent an undecodable {}: {}", Frames.describeTag(Frames.tag(frame)), e.getMessage());
      return null;
    }
  }
}
