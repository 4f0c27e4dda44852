package io.mirrorguard.agent.cli;

import picocli.CommandLine.IVersionProvider;

/** mirrorguard's version from the jar manifest; "dev" when run from classes (tests, IDE). */
public final class CliVersion implements IVersionProvider {

    public static String current() {
        String v = CliVersion.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"mirrorguard " + current(), "Java " + System.getProperty("java.version")};
    }
}
