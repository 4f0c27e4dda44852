package io.mirrorguard.agent.config;

import java.util.List;

/** The configuration cannot be used; lists every problem found, each prefixed with the key path it concerns. */
public final class ConfigException extends Exception {

    private final List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super(format(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, e.g. {@code instances[1].tls.encrpt: unknown key}. */
    public List<String> problems() {
        return problems;
    }

    private static String format(String source, List<String> problems) {
        StringBuilder sb = new StringBuilder("invalid configuration ").append(source).append(" (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        for (String p : problems) {
            sb.append(System.lineSeparator()).append("  - ").append(p);
        }
        return sb.toString();
    }
}
