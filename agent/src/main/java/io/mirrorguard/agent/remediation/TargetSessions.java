package io.mirrorguard.agent.remediation;

import java.sql.SQLException;

/** Opens remediation sessions (the separate remediation login, database master) on fleet instances. */
public interface TargetSessions {

    TargetSession open(String instance) throws SQLException;

    /** One connection to one instance: holds the instance-wide remediation lock while open. */
    interface TargetSession extends AutoCloseable {

        /** sp_getapplock in session mode without waiting: false when another agent holds it. */
        boolean tryLock() throws SQLException;

        /** Sends one batch. */
        void execute(String sql) throws SQLException;

        /** Releases the lock (if held) and closes the connection. */
        @Override
        void close();
    }
}
