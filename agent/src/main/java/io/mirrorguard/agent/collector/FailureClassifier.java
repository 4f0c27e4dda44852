package io.mirrorguard.agent.collector;

import io.mirrorguard.rules.model.CollectionFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLException;

/** Maps driver exceptions to the model's {@link CollectionFailure}, with a reason fit for evidence. */
final class FailureClassifier {

    static final Set<Integer> LOGIN_ERRORS = Set.of(18456, 18486, 18487, 18488, 4060);

    record Classified(CollectionFailure failure, String reason) {}

    private FailureClassifier() {}

    /** A failure while opening the connection (TCP, TLS or login). */
    static Classified connecting(SQLException e) {
        String message = reason(e);
        if (LOGIN_ERRORS.contains(e.getErrorCode())) {
            return new Classified(CollectionFailure.LOGIN_FAILED, message);
        }
        if (has(e, SSLException.class) || has(e, CertificateException.class) || mentions(e, "secure connection")
                || mentions(e, "ssl") || mentions(e, "tls")) {
            return new Classified(CollectionFailure.TLS_FAILED, message);
        }
        if (has(e, UnknownHostException.class) || has(e, ConnectException.class)
                || has(e, NoRouteToHostException.class) || mentions(e, "tcp/ip connection to the host")) {
            return new Classified(CollectionFailure.UNREACHABLE, message);
        }
        if (e instanceof SQLTimeoutException || mentions(e, "timed out")) {
            return new Classified(CollectionFailure.TIMEOUT, message);
        }
        if (FactsMapper.PERMISSION_ERRORS.contains(e.getErrorCode())) {
            return new Classified(CollectionFailure.PERMISSION_DENIED, message);
        }
        if (isConnectionState(e) || has(e, IOException.class)) {
            return new Classified(CollectionFailure.UNREACHABLE, message);
        }
        return new Classified(CollectionFailure.ERROR, message);
    }

    /** A failure while the batch ran on an open connection. */
    static Classified executing(SQLException e, boolean cancelled) {
        String message = reason(e);
        if (cancelled) {
            return new Classified(CollectionFailure.ERROR, "collection cancelled: " + message);
        }
        if (e instanceof SQLTimeoutException || mentions(e, "query has timed out")) {
            return new Classified(CollectionFailure.TIMEOUT, message);
        }
        if (FactsMapper.PERMISSION_ERRORS.contains(e.getErrorCode())) {
            return new Classified(CollectionFailure.PERMISSION_DENIED, message);
        }
        if (isConnectionState(e) || has(e, IOException.class) || mentions(e, "connection is closed")
                || mentions(e, "connection reset") || mentions(e, "did not return a response")
                || mentions(e, "incomplete response") || mentions(e, "socket closed")) {
            return new Classified(CollectionFailure.CONNECTION_LOST, message);
        }
        return new Classified(CollectionFailure.ERROR, message);
    }

    /** The driver message without its trailing ClientConnectionId, prefixed with the SQL error number if any. */
    static String reason(SQLException e) {
        String m = message(e);
        return e.getErrorCode() != 0 ? "error " + e.getErrorCode() + ": " + m : m;
    }

    /** The driver message without its trailing ClientConnectionId. */
    static String message(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int id = m.indexOf(" ClientConnectionId:");
        return id >= 0 ? m.substring(0, id) : m;
    }

    private static boolean isConnectionState(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    private static boolean mentions(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
