package io.mirrorguard.agent.collector;

import io.mirrorguard.rules.model.CertificateDetails;
import io.mirrorguard.rules.model.SharedText;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/** Reads what CERTENCODED returned with the JDK's X.509 parser. */
final class DerCertificates {

    private DerCertificates() {}

    /** The parsed details; throws {@link CertificateException} when the bytes are not an X.509 certificate. */
    static CertificateDetails parse(byte[] der) throws CertificateException {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        PublicKey key = cert.getPublicKey();
        return new CertificateDetails(
                key.getAlgorithm(),
                keyBits(key),
                cert.getSigAlgName(),
                cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(),
                SharedText.of(cert.getSubjectX500Principal().getName()),
                SharedText.of(cert.getIssuerX500Principal().getName()),
                Hex.upper(sha1(der)),
                // each peer's certificate is on every instance that trusts it
                SharedText.of(Base64.getEncoder().encodeToString(der)));
    }

    static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getOrder().bitLength();
        }
        if (key instanceof DSAPublicKey dsa) {
            return dsa.getParams().getP().bitLength();
        }
        return 0;
    }

    static byte[] sha1(byte[] der) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }
}
