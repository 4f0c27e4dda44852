package io.mirrorguard.rules.model;

/**
 * sys.database_mirroring_endpoints.connection_auth decoded: 1 NTLM, 2 KERBEROS, 3 NEGOTIATE, 4 CERTIFICATE,
 * 5 NTLM,CERTIFICATE, 6 KERBEROS,CERTIFICATE, 7 NEGOTIATE,CERTIFICATE, 8 CERTIFICATE,NTLM, 9 CERTIFICATE,KERBEROS,
 * 10 CERTIFICATE,NEGOTIATE.
 *
 * @param windowsMethod NTLM, KERBEROS or NEGOTIATE when Windows authentication is allowed, else null
 * @param certificateFirst whether the certificate is tried before the Windows method
 */
public record EndpointAuthentication(int code, boolean certificate, String windowsMethod, boolean certificateFirst) {

    public static EndpointAuthentication fromCode(int code) {
        return switch (code) {
            case 1 -> new EndpointAuthentication(1, false, "NTLM", false);
            case 2 -> new EndpointAuthentication(2, false, "KERBEROS", false);
            case 3 -> new EndpointAuthentication(3, false, "NEGOTIATE", false);
            case 4 -> new EndpointAuthentication(4, true, null, true);
            case 5 -> new EndpointAuthentication(5, true, "NTLM", false);
            case 6 -> new EndpointAuthentication(6, true, "KERBEROS", false);
            case 7 -> new EndpointAuthentication(7, true, "NEGOTIATE", false);
            case 8 -> new EndpointAuthentication(8, true, "NTLM", true);
            case 9 -> new EndpointAuthentication(9, true, "KERBEROS", true);
            case 10 -> new EndpointAuthentication(10, true, "NEGOTIATE", true);
            default -> throw new IllegalArgumentException("unknown connection_auth code " + code);
        };
    }

    public boolean windows() {
        return windowsMethod != null;
    }
}
