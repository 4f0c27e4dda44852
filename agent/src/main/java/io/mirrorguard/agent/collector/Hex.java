package io.mirrorguard.agent.collector;

import io.mirrorguard.rules.model.SharedText;
import java.util.HexFormat;

/** SIDs and thumbprints as the model writes them: hex, upper case, no 0x. */
final class Hex {
    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private Hex() {}

    static String upper(byte[] bytes) {
        return bytes == null ? null : SharedText.of(UPPER.formatHex(bytes));
    }
}
