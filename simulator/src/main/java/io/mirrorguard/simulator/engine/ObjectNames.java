package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.engine.catalog.CatalogSchema;
import io.mirrorguard.simulator.engine.catalog.TypeMapping;
import io.mirrorguard.simulator.api.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Multi-part object names as OBJECT_ID and COL_LENGTH read them, and the storage sizes COL_LENGTH reports. */
final class ObjectNames {

    private ObjectNames() {}

    /** Splits 'a.b.c' with [bracketed] or "quoted" parts; null when the name is malformed. */
    static List<String> split(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        String s = name.trim();
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '[' || c == '"') {
                char close = c == '[' ? ']' : '"';
                int j = i + 1;
                while (true) {
                    if (j >= s.length()) return null;
                    if (s.charAt(j) == close) {
                        if (j + 1 < s.length() && s.charAt(j + 1) == close) { cur.append(close); j += 2; continue; }
                        break;
                    }
                    cur.append(s.charAt(j++));
                }
                i = j + 1;
            } else if (c == '.') {
                parts.add(cur.toString());
                cur.setLength(0);
                i++;
            } else {
                cur.append(c);
                i++;
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    /** Catalog views get fixed negative ids, as system objects do on SQL Server. */
    static int systemObjectId(CatalogSchema.View v) {
        return -100 - new ArrayList<>(CatalogSchema.get().views().keySet()).indexOf(v.name().toLowerCase(Locale.ROOT));
    }

    private static final Pattern DECIMAL = Pattern.compile("(?i)\\s*(?:numeric|decimal)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*\\d+\\s*)?\\)\\s*");
    private static final Pattern DATETIME2 = Pattern.compile("(?i)\\s*datetime2\\s*(?:\\(\\s*(\\d)\\s*\\))?\\s*");

    /**
     * COL_LENGTH's answer for a documented column type: the defined length in bytes (two per character for
     * Unicode types, -1 for max), the fixed storage size otherwise (sql_variant 8016, decimal by precision).
     */
    static int byteLength(String documentedType) {
        String t = documentedType.trim().toLowerCase(Locale.ROOT);
        if (t.equals("sql_variant")) return 8016;
        if (t.equals("date")) return 3;
        if (t.equals("smalldatetime")) return 4;
        if (t.equals("float")) return 8;
        if (t.equals("real")) return 4;
        if (t.equals("money")) return 8;
        Matcher d = DECIMAL.matcher(t);
        if (d.matches()) {
            int p = Integer.parseInt(d.group(1));
            return p <= 9 ? 5 : p <= 19 ? 9 : p <= 28 ? 13 : 17;
        }
        Matcher d2 = DATETIME2.matcher(t);
        if (d2.matches()) {
            int scale = d2.group(1) == null ? 7 : Integer.parseInt(d2.group(1));
            return scale <= 2 ? 6 : scale <= 4 ? 7 : 8;
        }
        SqlType st = TypeMapping.parse(t);
        return switch (st.kind()) {
            case NVARCHAR, NCHAR -> st.length() < 0 ? -1 : st.length() * 2;
            case VARCHAR, CHAR, VARBINARY, BINARY -> st.length();
            case TINYINT, BIT -> 1;
            case SMALLINT -> 2;
            case INT -> 4;
            case BIGINT, DATETIME, DATETIME2 -> 8;
            case UNIQUEIDENTIFIER -> 16;
            case NUMERIC -> 9;
        };
    }
}
