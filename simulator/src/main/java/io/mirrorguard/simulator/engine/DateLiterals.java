package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.api.SqlError;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Character strings converted to {@code datetime} the way SQL Server does under its default language us_english
 * (DATEFORMAT mdy), as CREATE CERTIFICATE's START_DATE and EXPIRY_DATE are. Formats follow the "Supported string
 * literal formats for datetime" list: numeric m/d/y with '/', '-' or '.' separators, the separator-free and ISO 8601
 * forms, and alphabetic month names.
 */
final class DateLiterals {

    private DateLiterals() {}

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
        Map.entry("jan", 1), Map.entry("january", 1), Map.entry("feb", 2), Map.entry("february", 2),
        Map.entry("mar", 3), Map.entry("march", 3), Map.entry("apr", 4), Map.entry("april", 4),
        Map.entry("may", 5), Map.entry("jun", 6), Map.entry("june", 6), Map.entry("jul", 7), Map.entry("july", 7),
        Map.entry("aug", 8), Map.entry("august", 8), Map.entry("sep", 9), Map.entry("september", 9),
        Map.entry("oct", 10), Map.entry("october", 10), Map.entry("nov", 11), Map.entry("november", 11),
        Map.entry("dec", 12), Map.entry("december", 12));

    private static final String TIME = "(?:\\s+(\\d{1,2}:\\d{1,2}(?::\\d{1,2}(?:[.:]\\d{1,3})?)?\\s*(?:[AaPp][Mm])?|\\d{1,2}\\s*[AaPp][Mm]))?";
    /** ISO 8601 with the T separator: every time element is required, as for datetime. */
    private static final Pattern ISO_T = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,3}))?)?");
    private static final Pattern ISO_T_COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,3}))?");
    /** yyyymmdd (unseparated, ISO). */
    private static final Pattern UNSEPARATED = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})" + TIME);
    /** A 4-digit year first: y-m-d, y/m/d, y.m.d (ymd whatever the DATEFORMAT, for mdy). */
    private static final Pattern YEAR_FIRST = Pattern.compile("(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})" + TIME);
    /** m/d/y under DATEFORMAT mdy, with a 2- or 4-digit year. */
    private static final Pattern MDY = Pattern.compile("(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{2}|\\d{4})" + TIME);
    /** Mon dd[,] yyyy */
    private static final Pattern MONTH_FIRST = Pattern.compile("([A-Za-z]+)\\s+(\\d{1,2}),?\\s+(\\d{4})" + TIME);
    /** dd Mon[,] yyyy */
    private static final Pattern DAY_FIRST = Pattern.compile("(\\d{1,2})\\s+([A-Za-z]+),?\\s+(\\d{4})" + TIME);
    /** Mon [dd,] yyyy and Mon yyyy are also accepted (the day defaults to 1). */
    private static final Pattern MONTH_YEAR = Pattern.compile("([A-Za-z]+),?\\s+(\\d{4})" + TIME);

    /** The datetime a string literal stands for; Msg 241 when it is not a date, Msg 242 when it is out of range. */
    static LocalDateTime parse(String literal, boolean unicode) {
        String t = literal.trim();
        Matcher m;
        try {
            if ((m = ISO_T.matcher(t)).matches() || (m = ISO_T_COMPACT.matcher(t)).matches()) {
                return date(m.group(1), m.group(2), m.group(3))
                    .atTime(LocalTime.of(i(m.group(4)), i(m.group(5)), m.group(6) == null ? 0 : i(m.group(6)), millis(m.group(7))));
            }
            if ((m = UNSEPARATED.matcher(t)).matches()) return withTime(date(m.group(1), m.group(2), m.group(3)), m.group(4));
            if ((m = YEAR_FIRST.matcher(t)).matches()) return withTime(date(m.group(1), m.group(3), m.group(4)), m.group(5));
            if ((m = MDY.matcher(t)).matches()) return withTime(date(year(m.group(4)), m.group(1), m.group(3)), m.group(5));
            if ((m = MONTH_FIRST.matcher(t)).matches()) {
                return withTime(date(m.group(3), month(m.group(1)), m.group(2)), m.group(4));
            }
            if ((m = DAY_FIRST.matcher(t)).matches()) {
                return withTime(date(m.group(3), month(m.group(2)), m.group(1)), m.group(4));
            }
            if ((m = MONTH_YEAR.matcher(t)).matches()) return withTime(date(m.group(2), month(m.group(1)), "1"), m.group(3));
        } catch (NotADate e) {
            throw notADate();
        } catch (DateTimeException e) {
            throw outOfRange(unicode);
        }
        throw notADate();
    }

    private static final class NotADate extends RuntimeException {
        NotADate() {
            super(null, null, false, false);
        }
    }

    private static String month(String name) {
        Integer n = MONTHS.get(name.toLowerCase(Locale.ROOT));
        if (n == null) throw new NotADate();
        return String.valueOf(n);
    }

    /** Two-digit years follow the default "two digit year cutoff" of 2049. */
    private static String year(String y) {
        if (y.length() == 4) return y;
        int v = Integer.parseInt(y);
        return String.valueOf(v <= 49 ? 2000 + v : 1900 + v);
    }

    private static LocalDate date(String y, String mo, String d) {
        int year = i(y);
        // datetime covers January 1, 1753 through December 31, 9999
        if (year < 1753) throw new DateTimeException("year before 1753");
        return LocalDate.of(year, i(mo), i(d));
    }

    private static LocalDateTime withTime(LocalDate d, String time) {
        if (time == null) return d.atStartOfDay();
        String t = time.trim().toUpperCase(Locale.ROOT);
        boolean pm = t.endsWith("PM");
        boolean am = t.endsWith("AM");
        if (pm || am) t = t.substring(0, t.length() - 2).trim();
        String[] parts = t.split("[:.]");
        int h = i(parts[0]);
        int min = parts.length > 1 ? i(parts[1]) : 0;
        int sec = parts.length > 2 ? i(parts[2]) : 0;
        int nanos = parts.length > 3 ? millis(parts[3]) : 0;
        if (pm || am) {
            if (h < 1 || h > 12) throw new DateTimeException("hour with AM/PM");
            h = h % 12 + (pm ? 12 : 0);
        }
        return d.atTime(LocalTime.of(h, min, sec, nanos));
    }

    private static int millis(String fraction) {
        if (fraction == null) return 0;
        String f = (fraction + "000").substring(0, 3);
        return Integer.parseInt(f) * 1_000_000;
    }

    private static int i(String s) {
        return Integer.parseInt(s);
    }

    static SqlError notADate() {
        return Errors.generic(241, 16, "Conversion failed when converting date and/or time from character string.");
    }

    static SqlError outOfRange(boolean unicode) {
        return Errors.generic(242, 16, "The conversion of a " + (unicode ? "nvarchar" : "varchar")
            + " data type to a datetime data type resulted in an out-of-range value.");
    }
}
