/**
 * The messages a PostgreSQL client sends (protocol 3.0,
 * https://www.postgresql.org/docs/current/protocol-message-formats.html): one immutable type per message
 * behind {@link dev.hyperdrive.wire.frontend.FrontendMessage}, each encoding its own frame, and
 * {@link dev.hyperdrive.wire.frontend.FrontendDecoder} as the single place frames become messages.
 *
 * <p>On a connection, {@link dev.hyperdrive.wire.PgFrameDecoder} cuts the byte stream into frames first;
 * the session decodes startup packets with {@code decodeStartup} until its StartupMessage (or
 * CancelRequest), then tagged frames with {@code decode}, passing which authentication response a 'p'
 * frame holds. Relays forward the frames themselves and decode only what they must inspect.
 */
package dev.hyperdrive.wire.frontend;
