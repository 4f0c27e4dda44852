package io.mirrorguard.rules.model;

import java.util.List;

/**
 * sys.database_mirroring_endpoints.encryption_algorithm decoded into the DDL it stands for: 0 DISABLED, 1 REQUIRED
 * RC4, 2 REQUIRED AES, 3 SUPPORTED RC4, 4 SUPPORTED AES, 5 REQUIRED RC4 AES, 6 REQUIRED AES RC4, 7 SUPPORTED RC4 AES,
 * 8 SUPPORTED AES RC4. Algorithms are in preference order.
 */
public record EndpointEncryption(int code, Mode mode, List<String> algorithms) {

    public enum Mode { DISABLED, SUPPORTED, REQUIRED }

    public static EndpointEncryption fromCode(int code) {
        return switch (code) {
            case 0 -> new EndpointEncryption(0, Mode.DISABLED, List.of());
            case 1 -> new EndpointEncryption(1, Mode.REQUIRED, List.of("RC4"));
            case 2 -> new EndpointEncryption(2, Mode.REQUIRED, List.of("AES"));
            case 3 -> new EndpointEncryption(3, Mode.SUPPORTED, List.of("RC4"));
            case 4 -> new EndpointEncryption(4, Mode.SUPPORTED, List.of("AES"));
            case 5 -> new EndpointEncryption(5, Mode.REQUIRED, List.of("RC4", "AES"));
            case 6 -> new EndpointEncryption(6, Mode.REQUIRED, List.of("AES", "RC4"));
            case 7 -> new EndpointEncryption(7, Mode.SUPPORTED, List.of("RC4", "AES"));
            case 8 -> new EndpointEncryption(8, Mode.SUPPORTED, List.of("AES", "RC4"));
            default -> throw new IllegalArgumentException("unknown encryption_algorithm code " + code);
        };
    }

    /** The T-SQL clause that produces this setting, e.g. {@code REQUIRED ALGORITHM AES}. */
    public String ddl() {
        return mode == Mode.DISABLED ? "DISABLED" : mode + " ALGORITHM " + String.join(" ", algorithms);
    }
}
