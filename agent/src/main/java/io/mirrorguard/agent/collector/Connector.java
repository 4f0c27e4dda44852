package io.mirrorguard.agent.collector;

import io.mirrorguard.agent.config.InstanceConfig;
import java.sql.Connection;
import java.sql.SQLException;

/** Opens a logged-in connection to an instance; the seam tests use to count or fail logins. */
@FunctionalInterface
public interface Connector {
    Connection connect(InstanceConfig instance) throws SQLException;
}
