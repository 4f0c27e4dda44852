package io.mirrorguard.simulator.api;

/**
 * One simulated SQL Server instance as the TDS front end sees it. Implemented by the engine; the wire layer knows
 * nothing about catalogs or T-SQL, and the engine knows nothing about packets.
 */
public interface SqlBackend {

    /** What {@code @@SERVERNAME} answers; also the server name sent in LOGINACK. */
    String serverName();

    /** Major.minor.build the instance reports, e.g. 16.0.4135 (sent in LOGINACK as the program version). */
    int[] productVersion();

    /**
     * Authenticates a SQL login. Throws {@link SqlError} 18456 (severity 14, state 1 on the wire, as SQL Server hides
     * the real reason from the client) for an unknown login, a wrong password or a disabled login.
     */
    SqlSession login(String loginName, String password) throws SqlError;

    /** The fault injected for this instance, or {@link Fault#NONE}. Read on each new connection and each request. */
    Fault fault();
}
