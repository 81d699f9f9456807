/**
 * The backend half of the PostgreSQL protocol 3.0 codec: one immutable type per message a server sends,
 * {@link dev.hyperdrive.wire.backend.BackendDecoder} to read a frame, {@code encode} on each message to
 * write one. Arrays held by messages (row values, COPY chunks, SASL data) are shared, not copied: treat
 * them as read-only. Strings are UTF-8, the only client_encoding this project speaks.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-message-formats.html">Message Formats</a>
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html">Message Flow</a>
 */
package dev.hyperdrive.wire.backend;
