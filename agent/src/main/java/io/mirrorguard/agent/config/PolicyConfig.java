package io.mirrorguard.agent.config;

/** Policy parameters of the rules core (same fields and defaults as its PolicyParameters). */
public record PolicyConfig(int expiryWarningDays, int expiryHighDays, boolean allowWindowsFallback, int minimumKeyBits) {

    public static PolicyConfig defaults() {
        return new PolicyConfig(30, 7, false, 2048);
    }
}
