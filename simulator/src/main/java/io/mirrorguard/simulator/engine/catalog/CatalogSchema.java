package io.mirrorguard.simulator.engine.catalog;

import io.mirrorguard.simulator.api.SqlType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The documented catalog views, their columns and SQL Server types, read from catalog-columns.tsv. */
public final class CatalogSchema {

    public record Column(String name, String documentedType, SqlType type) {}

    /**
     * @param serverScoped false for views that answer per database (sys.certificates, sys.symmetric_keys, ...)
     * @param columnIndex lower-case column name to position, for {@link #indexOf}; empty when a column name is not
     *     plain ASCII (then {@code indexOf} compares one by one)
     */
    public record View(String name, boolean serverScoped, List<Column> columns, Map<String, Integer> columnIndex) {
        public View(String name, boolean serverScoped, List<Column> columns) {
            this(name, serverScoped, columns, index(columns));
        }

        private static Map<String, Integer> index(List<Column> columns) {
            Map<String, Integer> m = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                String n = columns.get(i).name();
                if (!isAscii(n)) return Map.of();
                m.putIfAbsent(n.toLowerCase(Locale.ROOT), i);
            }
            return Map.copyOf(m);
        }

        public String tableName() {
            return "V_" + name.substring(name.indexOf('.') + 1).toUpperCase(Locale.ROOT);
        }

        public boolean isDmv() {
            return name.startsWith("sys.dm_");
        }

        /** The position of {@code column} (case-insensitive, as {@link String#equalsIgnoreCase}), or -1. */
        public int indexOf(String column) {
            // Called for every column reference of every catalog query (per batch); a scan of the view's columns
            // with equalsIgnoreCase was 18 % of the JFR execution samples of a simulator serving 3,002 instances.
            if (!columnIndex.isEmpty() && isAscii(column)) {
                Integer i = columnIndex.get(column.toLowerCase(Locale.ROOT));
                return i == null ? -1 : i;
            }
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equalsIgnoreCase(column)) return i;
            }
            return -1;
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
    }

    public static final String RESOURCE = "/io/mirrorguard/simulator/engine/catalog-columns.tsv";
    private static final CatalogSchema INSTANCE = load();

    private final Map<String, View> views;

    private CatalogSchema(Map<String, View> views) {
        this.views = Collections.unmodifiableMap(views);
    }

    public static CatalogSchema get() {
        return INSTANCE;
    }

    public Map<String, View> views() {
        return views;
    }

    /** Looks a view up by its two-part name, case-insensitively ("sys.endpoints"). */
    public Optional<View> view(String twoPartName) {
        return Optional.ofNullable(views.get(twoPartName.toLowerCase(Locale.ROOT)));
    }

    private static CatalogSchema load() {
        Map<String, String> scopes = new LinkedHashMap<>();
        Map<String, List<Column>> cols = new LinkedHashMap<>();
        try (InputStream in = CatalogSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                if (f.length != 4) throw new IllegalStateException(RESOURCE + ":" + no + ": expected 4 tab-separated fields");
                scopes.put(f[0], f[1]);
                cols.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Column(f[2], f[3], TypeMapping.parse(f[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, View> views = new LinkedHashMap<>();
        cols.forEach((k, v) -> views.put(k.toLowerCase(Locale.ROOT), new View(k, !"database".equals(scopes.get(k)), List.copyOf(v))));
        return new CatalogSchema(views);
    }
}
