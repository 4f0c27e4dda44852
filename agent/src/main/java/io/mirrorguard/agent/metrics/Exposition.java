package io.mirrorguard.agent.metrics;

/**
 * The one writer of the fleet families' exposition lines, for both formats the agent serves: Prometheus text 0.0.4
 * and OpenMetrics 1.0.0. Their sample lines are the same for the families the agent writes (gauges, counters with
 * {@code _total}, info gauges with {@code _info}, no timestamps, no units), so a family's samples are written once
 * and only its two header lines differ.
 */
final class Exposition {

    enum Type { GAUGE, COUNTER, INFO }

    private Exposition() {}

    /** {@code {a="x",b="y"}}: the label block of one series, values escaped, names in the given order. */
    static String labels(String[] names, String[] values) {
        if (names.length != values.length) {
            throw new IllegalArgumentException("labels " + String.join(",", names) + ": " + values.length
                    + " values");
        }
        StringBuilder b = new StringBuilder(16 + 24 * names.length);
        b.append('{');
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(names[i]).append("=\"");
            escape(b, values[i] == null ? "" : values[i], true);
            b.append('"');
        }
        return b.append('}').toString();
    }

    /** One sample line: name, label block, value. */
    static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name).append(labels).append(' ');
        value(out, value);
        out.append('\n');
    }

    /**
     * Integral values without a fraction (counts, flags, whole seconds), others as Java writes a double: both are
     * numbers in either format, and the integral form is what most of the ~30 series per instance are.
     */
    static void value(StringBuilder out, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            out.append((long) v);
        } else if (Double.isNaN(v)) {
            out.append("NaN");
        } else if (Double.isInfinite(v)) {
            out.append(v > 0 ? "+Inf" : "-Inf");
        } else {
            out.append(v);
        }
    }

    /** The {@code # HELP} and {@code # TYPE} lines of the text format (the sample name is the family's). */
    static String textHeader(String sampleName, Type type, String help) {
        StringBuilder b = new StringBuilder();
        b.append("# HELP ").append(sampleName).append(' ');
        escape(b, help, false);
        b.append('\n').append("# TYPE ").append(sampleName).append(' ')
                .append(type == Type.COUNTER ? "counter" : "gauge").append('\n');
        return b.toString();
    }

    /**
     * The {@code # TYPE} and {@code # HELP} lines of OpenMetrics, where a counter's family drops {@code _total} and
     * an info family drops {@code _info} from its sample name.
     */
    static String openMetricsHeader(String sampleName, Type type, String help) {
        String family = switch (type) {
            case COUNTER -> strip(sampleName, "_total");
            case INFO -> strip(sampleName, "_info");
            case GAUGE -> sampleName;
        };
        StringBuilder b = new StringBuilder();
        b.append("# TYPE ").append(family).append(' ').append(type.name().toLowerCase(java.util.Locale.ROOT))
                .append('\n').append("# HELP ").append(family).append(' ');
        escape(b, help, true);
        return b.append('\n').toString();
    }

    private static String strip(String name, String suffix) {
        if (!name.endsWith(suffix)) {
            throw new IllegalArgumentException(name + " must end with " + suffix);
        }
        return name.substring(0, name.length() - suffix.length());
    }

    /** Backslash and newline always; the double quote in label values and OpenMetrics' HELP, not text's HELP. */
    private static void escape(StringBuilder b, String s, boolean quote) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '"' -> b.append(quote ? "\\\"" : "\"");
                default -> b.append(c);
            }
        }
    }
}
