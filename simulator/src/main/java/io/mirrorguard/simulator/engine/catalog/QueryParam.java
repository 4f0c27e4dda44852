package io.mirrorguard.simulator.engine.catalog;

/**
 * A value the engine binds when it runs a translated query.
 *
 * @param kind VIEW (scope id of a catalog view; name = view, database = explicit database or null for the current
 *             one), VARIABLE (name = @var), SYSVAR (name = @@X), CLOCK (the simulated clock), NILADIC (name =
 *             function such as SUSER_SNAME evaluated without arguments)
 */
public record QueryParam(Kind kind, String name, String database) {
    public enum Kind { VIEW, VARIABLE, SYSVAR, CLOCK, NILADIC }
}
