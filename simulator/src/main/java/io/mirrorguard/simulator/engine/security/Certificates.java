package io.mirrorguard.simulator.engine.security;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Real X.509 certificates: self-signed RSA 2048 / SHA-256 as SQL Server 2017+ generates them. */
public final class Certificates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {}

    public record Generated(byte[] der, X509Certificate certificate, PrivateKey privateKey) {}

    /** Each call generates its own RSA key (2048-bit keys take tens of milliseconds). */
    public static Generated selfSigned(String subject, LocalDateTime startUtc, LocalDateTime expiryUtc) {
        return selfSigned(subject, startUtc, expiryUtc, KeySource.fresh());
    }

    /** With the key from {@code keys} (a fresh one, or one of a seeded pool). */
    public static Generated selfSigned(String subject, LocalDateTime startUtc, LocalDateTime expiryUtc,
                                       KeySource keys) {
        try {
            KeyPair kp = keys.next();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, subject).build();
            byte[] serialBytes = new byte[16];
            RANDOM.nextBytes(serialBytes);
            BigInteger serial = new BigInteger(1, serialBytes);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial,
                Date.from(startUtc.toInstant(ZoneOffset.UTC)), Date.from(expiryUtc.toInstant(ZoneOffset.UTC)), name, kp.getPublic());
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate());
            byte[] der = b.build(signer).getEncoded();
            return new Generated(der, parse(der), kp.getPrivate());
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("certificate generation failed", e);
        }
    }

    /** Parses DER bytes; throws IllegalArgumentException for anything that is not an X.509 certificate. */
    public static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("not an X.509 certificate", e);
        }
    }

    public static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How sys.certificates shows a distinguished name: the CN text when the name is a single CN. */
    public static String displayName(X500Name n) {
        RDN[] rdns = n.getRDNs();
        if (rdns.length == 1 && rdns[0].getFirst().getType().equals(BCStyle.CN)) {
            return rdns[0].getFirst().getValue().toString();
        }
        return n.toString();
    }

    public static String displayName(javax.security.auth.x500.X500Principal p) {
        return displayName(X500Name.getInstance(p.getEncoded()));
    }

    /** cert_serial_number as SQL Server prints it: bytes as space-separated hex pairs. */
    public static String serialText(BigInteger serial) {
        byte[] b = serial.toByteArray();
        int start = b.length > 1 && b[0] == 0 ? 1 : 0;
        StringBuilder sb = new StringBuilder();
        for (int i = start; i < b.length && i - start < 16; i++) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(String.format("%02x", b[i]));
        }
        return sb.toString();
    }

    public static LocalDateTime utc(Date d) {
        return LocalDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC);
    }
}
