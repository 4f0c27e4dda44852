package io.mirrorguard.simulator.engine;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RAISERROR's printf-like message substitution: %d %i %u %s %x %X %o with optional flags, width and h/l. */
final class RaiserrorFormat {

    private static final Pattern SPEC = Pattern.compile("%%|%([-+ 0#]*)(\\d+|\\*)?(?:\\.(\\d+|\\*))?[hlI]*([disuoxX])");

    private RaiserrorFormat() {}

    static String format(String text, List<Object> args) {
        Matcher m = SPEC.matcher(text);
        StringBuilder sb = new StringBuilder();
        int next = 0;
        while (m.find()) {
            String rep;
            if (m.group().equals("%%")) {
                rep = "%";
            } else {
                Object v = next < args.size() ? args.get(next++) : null;
                char conv = m.group(4).charAt(0);
                if (v == null) rep = "(null)";
                else if (conv == 's') rep = v.toString();
                else if (v instanceof Number n) {
                    long l = n.longValue();
                    rep = switch (conv) {
                        case 'x' -> Long.toHexString(l);
                        case 'X' -> Long.toHexString(l).toUpperCase(java.util.Locale.ROOT);
                        case 'o' -> Long.toOctalString(l);
                        case 'u' -> Long.toUnsignedString(l & 0xFFFFFFFFL);
                        default -> Long.toString(l);
                    };
                } else rep = v.toString();
                String width = m.group(2);
                if (width != null && !width.equals("*")) {
                    int w = Integer.parseInt(width);
                    boolean left = m.group(1).contains("-");
                    while (rep.length() < w) rep = left ? rep + " " : " " + rep;
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(rep));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
