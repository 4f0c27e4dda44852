package io.mirrorguard.rules.engine;

/**
 * Typed rule parameters (config keys under {@code policy:}).
 *
 * @param expiryWarningDays    endpoint-certificate-expiry-horizon fails MEDIUM when fewer days are left
 * @param expiryHighDays       ... and HIGH when fewer than these days are left
 * @param allowWindowsFallback endpoint-certificate-authentication accepts CERTIFICATE combined with a Windows method
 * @param minimumKeyBits       endpoint-certificate-strength fails for shorter RSA keys
 */
public record PolicyParameters(int expiryWarningDays, int expiryHighDays, boolean allowWindowsFallback,
                               int minimumKeyBits) {

    public static PolicyParameters defaults() {
        return new PolicyParameters(30, 7, false, 2048);
    }

    /** Throws {@link PolicyException} naming the first bad field. */
    public void validate() {
        if (expiryHighDays < 0) {
            throw new PolicyException("policy.expiryHighDays", "must be >= 0, was " + expiryHighDays);
        }
        if (expiryWarningDays <= expiryHighDays) {
            throw new PolicyException("policy.expiryWarningDays",
                    "must be > expiryHighDays (" + expiryHighDays + "), was " + expiryWarningDays);
        }
        if (expiryWarningDays > 3650) {
            throw new PolicyException("policy.expiryWarningDays", "must be <= 3650, was " + expiryWarningDays);
        }
        if (minimumKeyBits < 512 || minimumKeyBits > 16384) {
            throw new PolicyException("policy.minimumKeyBits", "must be between 512 and 16384, was " + minimumKeyBits);
        }
    }
}
