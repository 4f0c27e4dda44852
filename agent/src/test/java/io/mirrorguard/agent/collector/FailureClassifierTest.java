package io.mirrorguard.agent.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.model.CollectionFailure;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    @Test
    void login_failure_18456_is_login_failed() {
        var c = FailureClassifier.connecting(new SQLException(
                "Login failed for user 'mirrorguard_audit'. ClientConnectionId:1234", "S0001", 18456));
        assertThat(c.failure()).isEqualTo(CollectionFailure.LOGIN_FAILED);
        assertThat(c.reason()).isEqualTo("error 18456: Login failed for user 'mirrorguard_audit'.");
    }

    @Test
    void refused_tcp_connection_is_unreachable() {
        SQLException e = new SQLException("The TCP/IP connection to the host 127.0.0.1, port 1 has failed. "
                + "Error: \"Connection refused\".", "08S01", 0, new ConnectException("Connection refused"));
        assertThat(FailureClassifier.connecting(e).failure()).isEqualTo(CollectionFailure.UNREACHABLE);
    }

    @Test
    void certificate_validation_failure_is_tls_failed() {
        SQLException e = new SQLException("The driver could not establish a secure connection to SQL Server by "
                + "using Secure Sockets Layer (SSL) encryption. Error: \"PKIX path building failed\".", "08S01", 0,
                new SSLHandshakeException("PKIX path building failed"));
        assertThat(FailureClassifier.connecting(e).failure()).isEqualTo(CollectionFailure.TLS_FAILED);
    }

    @Test
    void query_timeout_is_timeout() {
        var c = FailureClassifier.executing(new SQLTimeoutException("The query has timed out."), false);
        assertThat(c.failure()).isEqualTo(CollectionFailure.TIMEOUT);
    }

    @Test
    void closed_connection_during_the_batch_is_connection_lost() {
        var c = FailureClassifier.executing(new SQLException(
                "SQL Server returned an incomplete response. The connection has been closed.", "08S01"), false);
        assertThat(c.failure()).isEqualTo(CollectionFailure.CONNECTION_LOST);
    }

    @Test
    void uncaught_permission_error_is_permission_denied() {
        var c = FailureClassifier.executing(new SQLException(
                "The server principal \"x\" is not able to access the database \"master\".", "S0001", 916), false);
        assertThat(c.failure()).isEqualTo(CollectionFailure.PERMISSION_DENIED);
    }

    @Test
    void cancelled_batch_is_an_error_saying_so() {
        var c = FailureClassifier.executing(new SQLException("The query was canceled.", "HY008"), true);
        assertThat(c.failure()).isEqualTo(CollectionFailure.ERROR);
        assertThat(c.reason()).startsWith("collection cancelled");
    }

    @Test
    void other_sql_errors_are_error_with_number() {
        var c = FailureClassifier.executing(new SQLException("Incorrect syntax near 'x'.", "S0001", 102), false);
        assertThat(c.failure()).isEqualTo(CollectionFailure.ERROR);
        assertThat(c.reason()).isEqualTo("error 102: Incorrect syntax near 'x'.");
    }
}
