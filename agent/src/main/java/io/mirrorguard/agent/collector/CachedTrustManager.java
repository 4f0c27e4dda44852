package io.mirrorguard.agent.collector;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import javax.net.ssl.X509TrustManager;

/**
 * What mssql-jdbc uses to validate the server's certificate when the instance has a trust store: the driver builds
 * one per connection from {@code trustManagerClass} and {@code trustManagerConstructorArg}
 * ({@code "<store id> <host name>"}); the store comes from {@link TrustStoreCache}. The driver does not check the
 * host name for a custom trust manager, so this one does, as the driver does for its own: the leaf certificate's
 * subject CN or a DNS subject alternative name must match {@code hostNameInCertificate} or else the server name
 * (case-insensitively; a {@code *} only within the leftmost of at least three labels).
 */
public final class CachedTrustManager implements X509TrustManager {
    private static final int SAN_DNS = 2;

    private final String storeId;
    private final String hostName;

    /** Called by the driver through reflection. */
    public CachedTrustManager(String constructorArg) {
        int space = constructorArg == null ? -1 : constructorArg.indexOf(' ');
        if (space <= 0 || space == constructorArg.length() - 1) {
            throw new IllegalArgumentException("expected \"<store id> <host name>\"");
        }
        this.storeId = constructorArg.substring(0, space);
        this.hostName = constructorArg.substring(space + 1).toLowerCase(Locale.ROOT);
    }

    static String constructorArg(String storeId, String hostName) {
        return storeId + " " + hostName;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        TrustStoreCache.SHARED.trustManager(storeId).checkServerTrusted(chain, authType);
        for (X509Certificate c : chain) {
            c.checkValidity();
        }
        if (!matches(chain[0], hostName)) {
            throw new CertificateException("the server certificate does not match the host name " + hostName);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        TrustStoreCache.SHARED.trustManager(storeId).checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        try {
            return TrustStoreCache.SHARED.trustManager(storeId).getAcceptedIssuers();
        } catch (CertificateException e) {
            return new X509Certificate[0];
        }
    }

    static boolean matches(X509Certificate leaf, String hostName) throws CertificateException {
        String host = hostName.toLowerCase(Locale.ROOT);
        String cn = commonName(leaf.getSubjectX500Principal());
        if (cn != null && nameMatches(cn.toLowerCase(Locale.ROOT), host)) {
            return true;
        }
        Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
        if (sans != null) {
            for (List<?> san : sans) {
                if (san.size() >= 2 && san.get(0) instanceof Integer type && type == SAN_DNS
                        && san.get(1) instanceof String dns && nameMatches(dns.toLowerCase(Locale.ROOT), host)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String commonName(X500Principal subject) {
        try {
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }

    static boolean nameMatches(String pattern, String host) {
        if (!pattern.contains("*") || pattern.startsWith("xn--")) {
            return pattern.equals(host);
        }
        String[] p = pattern.split("\\.", -1);
        String[] h = host.split("\\.", -1);
        if (p.length < 3 || p.length != h.length) {
            return false;
        }
        for (int i = 1; i < p.length; i++) {
            if (p[i].contains("*") || !p[i].equals(h[i])) {
                return false;
            }
        }
        String label = p[0];
        int star = label.indexOf('*');
        if (star != label.lastIndexOf('*')) {
            return false;
        }
        String prefix = label.substring(0, star);
        String suffix = label.substring(star + 1);
        String first = h[0];
        return first.length() > prefix.length() + suffix.length() && first.startsWith(prefix)
                && first.endsWith(suffix);
    }
}
