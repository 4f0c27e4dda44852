package io.mirrorguard.agent.collector;

import io.mirrorguard.rules.model.SharedText;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One row of a catalog result set: column label (lower case) to value as the driver returned it. Getters are
 * strict: a missing column or a value of an unexpected type is a {@link MappingException} naming the column.
 */
final class Row {

    private final String section;
    private final Map<String, Object> values;

    Row(String section, Map<String, Object> values) {
        this.section = section;
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), v));
        this.values = Collections.unmodifiableMap(copy);
    }

    private Row(Map<String, Object> lowerCaseValues, String section) {
        this.section = section;
        this.values = Collections.unmodifiableMap(lowerCaseValues);
    }

    /**
     * A row over {@code values} as they are, without the copy: for the batch reader, whose labels are already lower
     * case and whose map nobody else holds (a copy per row was a measurable part of each collect).
     */
    static Row ofLowerCaseLabels(String section, Map<String, Object> values) {
        return new Row(values, section);
    }

    Map<String, Object> values() {
        return values;
    }

    Object get(String column) {
        String key = column.toLowerCase(Locale.ROOT);
        if (!values.containsKey(key)) {
            throw new MappingException(section + ": result set has no column " + column);
        }
        return values.get(key);
    }

    String string(String column) {
        Object v = get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return SharedText.of(s);
        }
        if (v instanceof UUID || v instanceof Number || v instanceof Character) {
            return v.toString();
        }
        throw wrongType(column, v, "text");
    }

    /** Text with trailing padding removed, for char(n) codes such as permission types. */
    String code(String column) {
        String s = string(column);
        return s == null ? null : SharedText.of(s.stripTrailing());
    }

    Integer integer(String column) {
        Object v = get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw wrongType(column, v, "a number");
    }

    int requiredInt(String column) {
        Integer v = integer(column);
        if (v == null) {
            throw new MappingException(section + ": column " + column + " is NULL");
        }
        return v;
    }

    Boolean bool(String column) {
        Object v = get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.intValue() != 0;
        }
        throw wrongType(column, v, "a bit");
    }

    /** A bit column where NULL means false (SQL Server leaves some flags NULL on rows that do not use them). */
    boolean flag(String column) {
        return Boolean.TRUE.equals(bool(column));
    }

    byte[] bytes(String column) {
        Object v = get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return b;
        }
        throw wrongType(column, v, "binary");
    }

    LocalDateTime dateTime(String column) {
        Object v = get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDateTime t) {
            return t;
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        throw wrongType(column, v, "a datetime");
    }

    UUID uuid(String column) {
        Object v = get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof UUID u) {
            return u;
        }
        if (v instanceof String s) {
            try {
                return UUID.fromString(s.trim());
            } catch (IllegalArgumentException e) {
                throw new MappingException(section + ": column " + column + " is not a uniqueidentifier: " + s);
            }
        }
        throw wrongType(column, v, "a uniqueidentifier");
    }

    private MappingException wrongType(String column, Object v, String expected) {
        return new MappingException(section + ": column " + column + " should be " + expected + ", got "
                + v.getClass().getSimpleName());
    }

    @Override
    public String toString() {
        return section + values;
    }
}
