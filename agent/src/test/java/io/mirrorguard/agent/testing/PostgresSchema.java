package io.mirrorguard.agent.testing;

import io.mirrorguard.agent.config.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A schema of its own in the machine's PostgreSQL (127.0.0.1:5432, database test, user postgres, trust auth; override
 * with MIRRORGUARD_TEST_POSTGRES_URL and _USER) for one test, dropped with everything in it on close. Where no
 * PostgreSQL answers, the test is skipped with a message, or fails under MIRRORGUARD_REQUIRE_TOOLS=true.
 */
public final class PostgresSchema implements AutoCloseable {

    public static final String URL = System.getenv().getOrDefault("MIRRORGUARD_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("MIRRORGUARD_TEST_POSTGRES_USER", "postgres");

    private final String schema;

    private PostgresSchema(String schema) {
        this.schema = schema;
    }

    public static PostgresSchema create() {
        String schema = "mg_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            RequiredTools.require(false, "PostgreSQL at " + URL + " as " + USER + " (" + e.getMessage() + ")");
        }
        return new PostgresSchema(schema);
    }

    private static Connection admin() throws SQLException {
        DriverManager.setLoginTimeout(3);
        return DriverManager.getConnection(URL, USER, "");
    }

    public String schema() {
        return schema;
    }

    /** storage.url for this schema. */
    public String url() {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public Secret user() {
        return Secret.inline(USER);
    }

    /** A connection with this schema first on the search path, for assertions. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
