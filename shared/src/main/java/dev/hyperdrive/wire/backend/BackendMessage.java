package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.PgMessage;

/**
 * A message a PostgreSQL server sends (protocol 3.0), one immutable type per message. Decode frames with
 * {@link BackendDecoder}; each message writes its own frame with {@link #encode}.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-message-formats.html">Message Formats</a>
 */
public sealed interface BackendMessage extends PgMessage
    permits Authentication,
        BackendKeyData,
        BindComplete,
        CloseComplete,
        CommandComplete,
        CopyBothResponse,
        CopyData,
        CopyDone,
        CopyInResponse,
        CopyOutResponse,
        DataRow,
        EmptyQueryResponse,
        FunctionCallResponse,
        NegotiateProtocolVersion,
        NoData,
        NoticeMessage,
        NotificationResponse,
        ParameterDescription,
        ParameterStatus,
        ParseComplete,
        PortalSuspended,
        ReadyForQuery,
        RowDescription {}
