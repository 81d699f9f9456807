package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.PgMessage;

/**
 * A message a client sends to a PostgreSQL server
 * (https://www.postgresql.org/docs/current/protocol-message-formats.html), one immutable type each.
 *
 * <p>Records own the byte arrays they hold and do not copy them (a CopyData can be large): neither the
 * creator nor a reader may modify them.
 */
public sealed interface FrontendMessage extends PgMessage
    permits StartupMessage, SslRequest, GssEncRequest, CancelRequest,
        PasswordMessage, SaslInitialResponse, SaslResponse,
        Query, Parse, Bind, Describe, Close, Execute, Sync, Flush, Terminate,
        CopyData, CopyDone, CopyFail, FunctionCall {}
