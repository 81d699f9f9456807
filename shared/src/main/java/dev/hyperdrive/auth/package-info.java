/**
 * Password authentication, both halves, as PostgreSQL does it.
 *
 * <p>The edge plays the server to drivers with {@link dev.hyperdrive.auth.ServerAuthenticator}; the endpoint
 * and the placement validator play the client to origins with {@link dev.hyperdrive.auth.ClientAuthenticator}.
 * Both sit on byte-level exchanges that know nothing of the wire codec: {@link
 * dev.hyperdrive.auth.ScramServerExchange} / {@link dev.hyperdrive.auth.ScramClientExchange} (SCRAM-SHA-256,
 * RFC 5802 / RFC 7677, no channel binding), {@link dev.hyperdrive.auth.Md5ServerExchange} and {@link
 * dev.hyperdrive.auth.Md5Secret} (md5), and {@link dev.hyperdrive.auth.UserSecret#matchesPassword} (cleartext).
 *
 * <p>Decisions, each following PostgreSQL unless stated:
 * <ul>
 *   <li>What a server stores is a {@link dev.hyperdrive.auth.UserSecret}: a SCRAM secret in pg_authid's text
 *       form, an MD5 hash, or a plain password; {@link dev.hyperdrive.auth.UserSecret#parse} tells them apart
 *       as PostgreSQL does, so rolpassword can be copied into configuration.</li>
 *   <li>Passwords go through SASLprep with PostgreSQL's fallback to the raw bytes, and with its checks applied
 *       to the mapped, not yet normalized, string (src/common/saslprep.c).</li>
 *   <li>An unknown user gets a full mock exchange and the wrong-password message (SQLSTATE 28P01).</li>
 *   <li>md5 with a SCRAM secret runs SCRAM instead.</li>
 *   <li>Deviation: a malformed or unsupported exchange is refused with SQLSTATE 28000
 *       (invalid_authorization_specification) where PostgreSQL reports 08P01 (protocol_violation); methods the
 *       client half cannot do (GSSAPI, SSPI, Kerberos, SCRAM-SHA-256-PLUS only) are refused with 0A000.</li>
 * </ul>
 */
package dev.hyperdrive.auth;
