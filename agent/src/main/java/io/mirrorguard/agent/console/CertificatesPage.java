package io.mirrorguard.agent.console;

import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.MirroringEndpoint;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every endpoint certificate and every peer certificate installed in master, each as a bar from not-before to
 * expiry on one time axis with "now" marked, so what expires first stands out.
 */
final class CertificatesPage {
    static final int WIDTH = 900;
    static final int LABEL = 300;
    static final int ROW = 28;
    static final int TOP = 30;
    /** Certificates expiring within this are drawn as "soon". */
    static final Duration SOON = Duration.ofDays(30);

    /**
     * @param role  "endpoint" for the certificate the instance's endpoint authenticates with, "peer of X" for the
     *              public key of X's endpoint certificate, "other" for any other user certificate in master
     * @param state expired, soon, ok or unknown (no dates read)
     */
    record Row(String instance, String name, String role, String thumbprint, String notBefore, String notAfter,
               String left, String state, double x, double width, double y) {
        public double textY() {
            return y + 14;
        }
    }

    record Tick(double x, String label) {}

    private CertificatesPage() {}

    static Map<String, Object> model(FleetSnapshot snapshot, Instant now) {
        Map<String, String> endpointOwnerByThumbprint = new HashMap<>();
        if (snapshot != null) {
            for (InstanceFacts i : snapshot.instances()) {
                endpointCertificate(i).ifPresent(c -> endpointOwnerByThumbprint.put(thumb(c), i.name()));
            }
        }
        record Raw(String instance, Certificate c, String role) {}
        List<Raw> raws = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        if (snapshot != null) {
            for (InstanceFacts i : snapshot.instances()) {
                if (!i.certificates().isRead()) {
                    unread.add(i.name() + ": " + i.certificates().describeGap());
                    continue;
                }
                Integer endpointCert = endpointCertificate(i).map(Certificate::certificateId).orElse(null);
                for (Certificate c : i.certificates().value()) {
                    if (c.name() != null && c.name().startsWith("##")) {
                        continue; // SQL Server's own certificates
                    }
                    String owner = endpointOwnerByThumbprint.get(thumb(c));
                    String role = endpointCert != null && endpointCert == c.certificateId() ? "endpoint"
                            : owner != null && !owner.equals(i.name()) ? "peer of " + owner : "other";
                    raws.add(new Raw(i.name(), c, role));
                }
            }
        }
        raws.sort(Comparator.comparing((Raw r) -> r.c().expiryDate() == null ? Instant.MAX : r.c().expiryDate()));

        Instant from = now.minus(Duration.ofDays(30));
        Instant to = now.plus(Duration.ofDays(365));
        for (Raw r : raws) {
            if (r.c().startDate() != null && r.c().startDate().isBefore(from)) {
                from = r.c().startDate();
            }
            if (r.c().expiryDate() != null && r.c().expiryDate().isAfter(to)) {
                to = r.c().expiryDate();
            }
        }
        double span = Math.max(1, Duration.between(from, to).toSeconds());
        double plot = WIDTH - LABEL - 20;
        Instant axisFrom = from;
        java.util.function.ToDoubleFunction<Instant> x = t ->
                round(LABEL + plot * Duration.between(axisFrom, t).toSeconds() / span);

        List<Row> rows = new ArrayList<>();
        int n = 0;
        for (Raw r : raws) {
            Certificate c = r.c();
            String state = c.expiryDate() == null ? "unknown" : c.expiryDate().isBefore(now) ? "expired"
                    : c.expiryDate().isBefore(now.plus(SOON)) ? "soon" : "ok";
            double x1 = c.startDate() == null ? LABEL : x.applyAsDouble(c.startDate());
            double x2 = c.expiryDate() == null ? x1 : x.applyAsDouble(c.expiryDate());
            rows.add(new Row(r.instance(), c.name(), r.role(), thumb(c), Formats.time(c.startDate()),
                    Formats.time(c.expiryDate()), c.expiryDate() == null ? "unknown" : Formats.age(c.expiryDate(), now),
                    state, x1, Math.max(2, x2 - x1), TOP + n * ROW));
            n++;
        }
        List<Tick> ticks = new ArrayList<>();
        // quarters while the axis spans a few years, whole years beyond
        int months = Duration.between(from, to).toDays() > 4 * 365 ? 12 : 3;
        ZonedDateTime t = ZonedDateTime.ofInstant(from, ZoneOffset.UTC).withDayOfMonth(1).withHour(0).withMinute(0)
                .withSecond(0).withNano(0);
        t = t.withMonth(1 + (t.getMonthValue() - 1) / months * months).plusMonths(months);
        for (; !t.toInstant().isAfter(to); t = t.plusMonths(months)) {
            ticks.add(new Tick(x.applyAsDouble(t.toInstant()),
                    months == 12 ? Integer.toString(t.getYear()) : t.getYear() + "-" + String.format("%02d", t.getMonthValue())));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("ticks", ticks);
        m.put("unread", unread);
        m.put("width", WIDTH);
        m.put("height", TOP + Math.max(1, rows.size()) * ROW + 10);
        m.put("nowX", x.applyAsDouble(now));
        m.put("nowLabel", Formats.time(now));
        m.put("labelWidth", LABEL);
        return m;
    }

    private static java.util.Optional<Certificate> endpointCertificate(InstanceFacts i) {
        if (!i.endpoints().isRead() || !i.certificates().isRead()) {
            return java.util.Optional.empty();
        }
        for (MirroringEndpoint e : i.endpoints().value()) {
            for (Certificate c : i.certificates().value()) {
                if (e.certificateId() != 0 && c.certificateId() == e.certificateId()) {
                    return java.util.Optional.of(c);
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static String thumb(Certificate c) {
        return c.thumbprint() == null ? "" : c.thumbprint();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
