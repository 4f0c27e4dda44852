package io.mirrorguard.agent.report;

import io.mirrorguard.rules.engine.TrustStatus;
import io.mirrorguard.rules.topology.Link;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fleet as a picture: instances on a ring, and for every pair that must talk (partner, witness, AG replica) one
 * arrow per direction of connection, coloured by whether the accepting side trusts the connecting one. Pure geometry,
 * so the console's template and the HTML report draw the same SVG.
 *
 * @param nodes one per instance, in report order
 * @param edges two per linked pair (one each way)
 */
public record TopologyLayout(int width, int height, List<Node> nodes, List<Edge> edges) {

    public static final int NODE_RADIUS = 34;
    /** How far the two arrows of one pair sit apart, so both directions stay visible. */
    private static final double LANE = 7;

    public TopologyLayout {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * @param failing unwaived FAILs of the instance
     * @param audited false when the instance could not be read
     */
    public record Node(String name, double x, double y, boolean audited, long failing) {
        public String state() {
            return !audited ? "down" : failing > 0 ? "failing" : "ok";
        }

        public int radius() {
            return NODE_RADIUS;
        }
    }

    /**
     * One direction of a link: {@code from} connects to {@code to}, which must trust it.
     *
     * @param roles   partner, witness, replica (several when the pair is linked more than one way)
     * @param state   complete, broken, or unknown when the accepting side's trust was not evaluated
     * @param missing the procedure steps the accepting side lacks; empty unless broken
     */
    public record Edge(String from, String to, String roles, String state, List<String> missing,
                       double x1, double y1, double x2, double y2) {
        public Edge {
            missing = List.copyOf(missing);
        }

        /** The arrowhead at {@code (x2, y2)} as SVG polygon points, so no marker (and no url() reference) is needed. */
        public String arrowHead() {
            double dx = x2 - x1;
            double dy = y2 - y1;
            double len = Math.max(1, Math.hypot(dx, dy));
            double ux = dx / len;
            double uy = dy / len;
            double bx = x2 - ux * 11;
            double by = y2 - uy * 11;
            return pt(x2 + ux * 3, y2 + uy * 3) + " " + pt(bx - uy * 6, by + ux * 6) + " " + pt(bx + uy * 6, by - ux * 6);
        }

        private static String pt(double x, double y) {
            return round(x) + "," + round(y);
        }

        /** What a hover (SVG title) or a screen reader says about this arrow. */
        public String description() {
            String base = from + " \u2192 " + to + " (" + roles + "): ";
            return switch (state) {
                case "complete" -> base + to + " trusts " + from + " (complete)";
                case "broken" -> base + to + " does not trust " + from + "; missing: " + String.join(", ", missing);
                default -> base + "trust not evaluated (" + to + " was not audited)";
            };
        }
    }

    public static TopologyLayout of(AuditReport report) {
        Map<String, Set<String>> pairRoles = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        report.instances().forEach(i -> names.add(i.name()));
        for (Link l : report.links()) {
            names.add(l.a());
            names.add(l.b());
            pairRoles.computeIfAbsent(pair(l.a(), l.b()), k -> new TreeSet<>())
                    .add(l.role() == null ? "link" : l.role().name().toLowerCase(Locale.ROOT));
        }
        Map<String, TrustStatus> trust = new LinkedHashMap<>();
        for (TrustStatus t : report.trust()) {
            names.add(t.instance());
            names.add(t.peer());
            trust.put(t.instance() + "\u001f" + t.peer(), t);
            pairRoles.computeIfAbsent(pair(t.instance(), t.peer()), k -> new TreeSet<>());
        }

        int n = names.size();
        int width = 720;
        int height = n <= 2 ? 240 : 420;
        Map<String, double[]> at = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>();
        int i = 0;
        for (String name : names) {
            double angle = n == 2 ? Math.PI * (1 + i) : -Math.PI / 2 + 2 * Math.PI * i / Math.max(1, n);
            double x = n == 1 ? width / 2.0 : width / 2.0 + (width / 2.0 - 110) * Math.cos(angle);
            double y = n == 1 ? height / 2.0 : height / 2.0 + (height / 2.0 - 60) * Math.sin(angle);
            at.put(name, new double[] {round(x), round(y)});
            nodes.add(new Node(name, round(x), round(y), audited(report, name), failing(report, name)));
            i++;
        }

        List<Edge> edges = new ArrayList<>();
        for (var e : pairRoles.entrySet()) {
            String[] ab = e.getKey().split("\u001f", 2);
            String roles = e.getValue().isEmpty() ? "trust" : String.join(", ", e.getValue());
            // b connects to a: a must trust b (TrustStatus instance a, peer b), and the other way round
            edges.add(edge(ab[1], ab[0], roles, trust.get(ab[0] + "\u001f" + ab[1]), at, +1));
            edges.add(edge(ab[0], ab[1], roles, trust.get(ab[1] + "\u001f" + ab[0]), at, +1));
        }
        return new TopologyLayout(width, height, nodes, edges);
    }

    private static Edge edge(String from, String to, String roles, TrustStatus t, Map<String, double[]> at, int side) {
        double[] p = at.get(from);
        double[] q = at.get(to);
        double dx = q[0] - p[0];
        double dy = q[1] - p[1];
        double len = Math.max(1, Math.hypot(dx, dy));
        double ux = dx / len;
        double uy = dy / len;
        // perpendicular offset: the two directions of a pair get opposite lanes because their vectors are opposite
        double ox = -uy * LANE * side;
        double oy = ux * LANE * side;
        double gap = NODE_RADIUS + 6;
        String state = t == null ? "unknown" : t.complete() ? "complete" : "broken";
        List<String> missing = t == null || t.complete() || t.missing() == null ? List.of() : t.missing();
        return new Edge(from, to, roles, state, missing,
                round(p[0] + ux * gap + ox), round(p[1] + uy * gap + oy),
                round(q[0] - ux * (gap + 4) + ox), round(q[1] - uy * (gap + 4) + oy));
    }

    private static boolean audited(AuditReport report, String name) {
        return report.instances().stream().filter(i -> i.name().equals(name)).findFirst()
                .map(InstanceReport::audited).orElse(false);
    }

    private static long failing(AuditReport report, String name) {
        return report.findings().stream()
                .filter(f -> name.equals(f.finding().instance()) && f.finding().failing()).count();
    }

    private static String pair(String x, String y) {
        return x.compareTo(y) <= 0 ? x + "\u001f" + y : y + "\u001f" + x;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
