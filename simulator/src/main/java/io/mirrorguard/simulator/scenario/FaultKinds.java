package io.mirrorguard.simulator.scenario;

import io.mirrorguard.simulator.api.Fault;

import java.util.List;
import java.util.Locale;

/** The {@code :fault} kinds as scenarios spell them. */
final class FaultKinds {
    static final String LIST = "unreachable, login-failed, slow MILLIS, drop-connection, hide-catalog";

    private FaultKinds() {}

    static Fault parse(String kind, List<String> args, SourceLine where) {
        Fault.Kind k = switch (kind.toLowerCase(Locale.ROOT)) {
            case "unreachable" -> Fault.Kind.UNREACHABLE;
            case "login-failed" -> Fault.Kind.LOGIN_FAILED;
            case "slow" -> Fault.Kind.SLOW;
            case "drop-connection" -> Fault.Kind.DROP_CONNECTION;
            case "hide-catalog" -> Fault.Kind.HIDE_CATALOG;
            default -> throw new ScenarioException(where, "unknown fault kind '" + kind + "' (one of " + LIST + ")");
        };
        if (k == Fault.Kind.SLOW) {
            if (args.size() != 1) throw new ScenarioException(where, ":fault NAME slow takes MILLIS");
            try {
                long millis = Long.parseLong(args.get(0));
                if (millis > 0) return new Fault(k, millis);
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ScenarioException(where, "slow MILLIS must be a positive whole number, got '" + args.get(0) + "'");
        }
        if (!args.isEmpty()) throw new ScenarioException(where, ":fault NAME " + kind + " takes no argument");
        return new Fault(k, 0);
    }
}
