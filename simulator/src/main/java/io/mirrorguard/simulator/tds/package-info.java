/**
 * The simulator's TDS wire front end: everything between a client socket and the engine's
 * {@link io.mirrorguard.simulator.api.SqlBackend}.
 *
 * <p>Layout: {@link io.mirrorguard.simulator.tds.TdsServer} (listener; accepting runs on one process-wide selector
 * thread, connections on a shared cached pool) and {@link io.mirrorguard.simulator.tds.TlsMaterial} (certificate,
 * trust store, PEM) are public. Per connection, {@code TdsConnection} runs PRELOGIN, the TLS layer
 * ({@code TlsSession}: TDS 7.x TLS 1.2 carried in PRELOGIN packets, full or login-only; TDS 8.0 TLS-first with ALPN
 * "tds/8.0"), LOGIN7 and the request loop; a request runs on a worker so that an ATTENTION arriving meanwhile can
 * cancel it. {@code RpcHandler} owns prepared handles; {@code ResponseEncoder}, {@code Tokens} and
 * {@code TypeCodec} produce the token stream; {@code PacketReader}/{@code PacketWriter} do the framing.
 *
 * <p>Encryption policy (client PRELOGIN byte → reply): OFF → OFF (TLS for the login packet only, as SQL Server
 * does); ON/REQ → ON (full TLS, packet size capped at 16384); NOT_SUP → NOT_SUP; TLS-first → NOT_SUP inside the
 * tunnel. Without {@code TlsMaterial} every reply is NOT_SUP.
 *
 * <p>Passwords are decoded only to call {@code SqlBackend.login} and never logged. Malformed input closes only the
 * connection that sent it.
 */
package io.mirrorguard.simulator.tds;
