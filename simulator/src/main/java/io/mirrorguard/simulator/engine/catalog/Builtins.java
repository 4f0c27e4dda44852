package io.mirrorguard.simulator.engine.catalog;

import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * T-SQL built-in functions the embedded engine lacks, registered as Java functions. Functions that depend on the
 * session read it from {@link #CONTEXT}, set by the engine around each query on the calling thread.
 */
public final class Builtins {

    public static final ThreadLocal<BuiltinContext> CONTEXT = new ThreadLocal<>();

    private Builtins() {}

    static void register(Statement s) throws SQLException {
        String cls = Builtins.class.getName();
        String[] fns = {"MG_LEN:len", "MG_QUOTENAME:quotename", "MG_BIN2STR:bin2str", "MG_STR2BIN:str2bin",
            "MG_DT2STR:dt2str", "MG_SERVERPROPERTY:serverProperty", "MG_CERTENCODED:certEncoded", "MG_CERT_ID:certId",
            "MG_SUSER_SNAME:suserSname", "MG_SUSER_SID:suserSid", "MG_SUSER_ID:suserId", "MG_SUSER_NAME:suserName",
            "MG_USER_NAME:userName", "MG_USER_ID:userId", "MG_DB_NAME:dbName", "MG_DB_ID:dbId",
            "MG_HAS_PERMS_BY_NAME:hasPermsByName", "MG_IS_SRVROLEMEMBER:isSrvRoleMember", "MG_IS_MEMBER:isMember",
            "MG_COL_LENGTH:colLength", "MG_OBJECT_ID:objectId", "MG_SCHEMA_NAME:schemaName", "MG_SCHEMA_ID:schemaId",
            "MG_STR2INT:str2int"};
        for (String f : fns) {
            String[] p = f.split(":");
            s.execute("CREATE ALIAS " + p[0] + " FOR '" + cls + "." + p[1] + "'");
        }
    }

    private static BuiltinContext ctx() {
        BuiltinContext c = CONTEXT.get();
        if (c == null) throw new IllegalStateException("no session context");
        return c;
    }

    public static Integer len(String s) {
        if (s == null) return null;
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') end--;
        return end;
    }

    public static String quotename(String s) {
        return quotename(s, "[");
    }

    public static String quotename(String s, String q) {
        if (s == null || s.length() > 128) return null;
        String open = q == null || q.isEmpty() ? "[" : q.substring(0, 1);
        return switch (open) {
            case "[", "]" -> "[" + s.replace("]", "]]") + "]";
            case "'" -> "'" + s.replace("'", "''") + "'";
            case "\"" -> "\"" + s.replace("\"", "\"\"") + "\"";
            case "(", ")" -> "(" + s.replace(")", "))") + ")";
            case "<", ">" -> "<" + s.replace(">", ">>") + ">";
            case "{", "}" -> "{" + s.replace("}", "}}") + "}";
            case "`" -> "`" + s.replace("`", "``") + "`";
            default -> null;
        };
    }

    /** CONVERT(varchar, varbinary, style): style 0 keeps the bytes, 1 gives 0x-prefixed hex, 2 plain hex. */
    public static String bin2str(byte[] b, Integer style) {
        if (b == null) return null;
        int st = style == null ? 0 : style;
        String hex = HexFormat.of().withUpperCase().formatHex(b);
        return switch (st) {
            case 1 -> "0x" + hex;
            case 2 -> hex;
            default -> new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        };
    }

    public static byte[] str2bin(String s, Integer style) {
        if (s == null) return null;
        int st = style == null ? 0 : style;
        if (st == 0) return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        String hex = st == 1 && (s.startsWith("0x") || s.startsWith("0X")) ? s.substring(2) : s;
        if (hex.length() % 2 != 0) throw new IllegalArgumentException("Error converting data type varchar to varbinary.");
        return HexFormat.of().parseHex(hex);
    }

    public static Integer str2int(String s) {
        return s == null ? null : Integer.valueOf(s.trim());
    }

    /** CONVERT(varchar, datetime, style) for the ISO styles scripts use. */
    public static String dt2str(Timestamp t, Integer style) {
        if (t == null) return null;
        var l = t.toLocalDateTime();
        int st = style == null ? 0 : style;
        String pattern = switch (st) {
            case 23 -> "yyyy-MM-dd";
            case 112 -> "yyyyMMdd";
            case 120, 20 -> "yyyy-MM-dd HH:mm:ss";
            case 121, 21 -> "yyyy-MM-dd HH:mm:ss.SSS";
            case 126, 127 -> "yyyy-MM-dd'T'HH:mm:ss.SSS";
            case 101 -> "MM/dd/yyyy";
            case 103 -> "dd/MM/yyyy";
            case 108 -> "HH:mm:ss";
            default -> "MMM d yyyy h:mma";
        };
        return DateTimeFormatter.ofPattern(pattern, Locale.US).format(l);
    }

    public static String serverProperty(String p) { return p == null ? null : ctx().serverProperty(p); }
    public static byte[] certEncoded(Integer id) { return id == null ? null : ctx().certEncoded(id); }
    public static Integer certId(String n) { return n == null ? null : ctx().certId(n); }
    public static String suserSname(byte[] sid) { return sid == null ? null : ctx().suserSname(sid); }
    public static byte[] suserSid(String n) { return n == null ? null : ctx().suserSid(n); }
    public static Integer suserId(String n) { return n == null ? null : ctx().suserId(n); }
    public static String suserName(Integer id) { return id == null ? null : ctx().suserName(id); }
    public static String userName(Integer id) { return id == null ? null : ctx().userName(id); }
    public static Integer userId(String n) { return n == null ? null : ctx().userId(n); }
    public static String dbName(Integer id) { return id == null ? null : ctx().dbName(id); }
    public static Integer dbId(String n) { return n == null ? null : ctx().dbId(n); }

    public static Integer hasPermsByName(String securable, String cls, String perm) {
        // HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW SERVER STATE') is the documented form for server permissions.
        if (securable == null && cls == null) {
            cls = "SERVER";
        }
        return perm == null || cls == null ? null : ctx().hasPermsByName(securable, cls, perm);
    }

    public static Integer isSrvRoleMember(String role) { return role == null ? null : ctx().isSrvRoleMember(role, null); }
    public static Integer isSrvRoleMember(String role, String login) { return role == null ? null : ctx().isSrvRoleMember(role, login); }
    public static Integer isMember(String role) { return role == null ? null : ctx().isMember(role); }
    public static Integer colLength(String t, String c) { return t == null || c == null ? null : ctx().colLength(t, c); }
    public static Integer objectId(String n) { return n == null ? null : ctx().objectId(n, null); }
    public static Integer objectId(String n, String type) { return n == null ? null : ctx().objectId(n, type); }
    public static String schemaName(Integer id) { return id == null ? null : ctx().schemaName(id); }
    public static Integer schemaId(String n) { return n == null ? null : ctx().schemaId(n); }
}
