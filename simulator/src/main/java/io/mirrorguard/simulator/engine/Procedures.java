package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.api.ResultItem;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The system procedures the simulator implements. */
final class Procedures {

    private Procedures() {}

    static int call(EngineSession s, String name, Map<String, Object> args, List<ResultItem> out) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("master.")) n = n.substring(n.lastIndexOf('.') + 1);
        if (n.startsWith("sys.") || n.startsWith("dbo.")) n = n.substring(4);
        switch (n) {
            case "sp_getapplock" -> {
                String resource = str(args, "@resource", 0);
                String mode = str(args, "@lockmode", 1);
                String owner = str(args, "@lockowner", 2);
                Object timeout = arg(args, "@locktimeout", 3);
                int ms = timeout == null ? -1 : ((Number) timeout).intValue();
                return AppLocks.get(s, resource, mode, owner, ms, s.cancelToken(), s.fleet().store().lock());
            }
            case "sp_releaseapplock" -> {
                return AppLocks.release(s, str(args, "@resource", 0));
            }
            case "sp_addsrvrolemember", "sp_dropsrvrolemember" -> {
                return SecurityOps.srvRoleMemberProc(s, n, str(args, "@loginame", 0), str(args, "@rolename", 1), out);
            }
            default -> throw Errors.procNotFound(name);
        }
    }

    private static Object arg(Map<String, Object> args, String name, int position) {
        if (args.containsKey(name)) return args.get(name);
        return args.get("#" + position);
    }

    private static String str(Map<String, Object> args, String name, int position) {
        Object v = arg(args, name, position);
        return v == null ? null : v.toString();
    }
}
