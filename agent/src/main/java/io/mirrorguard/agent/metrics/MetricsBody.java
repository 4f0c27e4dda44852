package io.mirrorguard.agent.metrics;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.List;
import java.util.Locale;

/**
 * A {@code /metrics} response: the cached rendering of the fleet's families followed by the process families of this
 * scrape. When {@code gzip}, each part is its own gzip member; concatenated members are one valid gzip stream.
 */
public record MetricsBody(String contentType, boolean gzip, List<byte[]> parts) {
    public MetricsBody {
        parts = List.copyOf(parts);
    }

    /** The exact number of bytes {@link #stream()} yields: HEAD answers with it. */
    public long length() {
        long n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        return n;
    }

    public InputStream stream() {
        InputStream in = new ByteArrayInputStream(new byte[0]);
        for (byte[] p : parts) {
            in = new SequenceInputStream(in, new ByteArrayInputStream(p));
        }
        return in;
    }

    /** True when an Accept-Encoding header accepts gzip (a {@code q=0} refuses it). */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String item : acceptEncoding.split(",")) {
            String[] p = item.trim().split(";");
            String coding = p[0].trim().toLowerCase(Locale.ROOT);
            if (!coding.equals("gzip") && !coding.equals("x-gzip")) {
                continue;
            }
            for (int i = 1; i < p.length; i++) {
                String param = p[i].trim().toLowerCase(Locale.ROOT);
                if (param.startsWith("q=")) {
                    try {
                        return Double.parseDouble(param.substring(2)) > 0;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
            }
            return true;
        }
        return false;
    }
}
