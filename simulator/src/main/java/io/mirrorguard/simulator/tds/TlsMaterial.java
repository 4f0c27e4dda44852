package io.mirrorguard.simulator.tds;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Enumeration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The simulator's TLS identity: a private key and its certificate, plus the server {@link SSLContext}. One instance
 * can be shared by every simulated server in a process (key generation takes a noticeable fraction of a second).
 */
public final class TlsMaterial {
    private static final String ALIAS = "mirrorguard-simulator";

    private final X509Certificate certificate;
    private final Certificate[] chain;
    private final SSLContext sslContext;

    private TlsMaterial(PrivateKey key, Certificate[] chain) {
        this.chain = chain.clone();
        this.certificate = (X509Certificate) chain[0];
        this.sslContext = buildContext(key, this.chain);
    }

    /** A fresh self-signed RSA 2048 / SHA-256 certificate for CN=localhost, SAN DNS:localhost and IP:127.0.0.1. */
    public static TlsMaterial selfSigned() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048, new SecureRandom());
            KeyPair pair = gen.generateKeyPair();
            X500Name subject = new X500Name("CN=localhost");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(825))),
                    subject, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return new TlsMaterial(pair.getPrivate(), new Certificate[] {cert});
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate the simulator's self-signed certificate", e);
        }
    }

    /** Loads the first private-key entry of a PKCS12 key store. */
    public static TlsMaterial load(Path p12, char[] password) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p12);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TLS key store " + p12 + ": " + e, e);
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new java.io.ByteArrayInputStream(bytes), password);
            Enumeration<String> aliases = ks.aliases();
            while (aliases.hasMoreElements()) {
                String alias = aliases.nextElement();
                if (ks.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) ks.getKey(alias, password);
                    Certificate[] chain = ks.getCertificateChain(alias);
                    if (key != null && chain != null && chain.length > 0) {
                        return new TlsMaterial(key, chain);
                    }
                }
            }
            throw new IllegalArgumentException("TLS key store " + p12 + " holds no private key with a certificate");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load TLS key store " + p12
                    + " (not PKCS12, or wrong password): " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public SSLContext sslContext() {
        return sslContext;
    }

    /** Writes a PKCS12 trust store holding only the certificate (for {@code trustStore=...} on the client). */
    public void writeTrustStore(Path p12, char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry(ALIAS, certificate);
            Path parent = p12.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = Files.newOutputStream(p12)) {
                ks.store(out, password);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trust store " + p12 + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build trust store " + p12, e);
        }
    }

    /** Writes the certificate as PEM (for tedious' {@code ca}, sqlcmd or mssql-jdbc's {@code serverCertificate}). */
    public void writePem(Path pem) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            Path parent = pem.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n",
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write certificate " + pem + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the certificate", e);
        }
    }

    private static SSLContext buildContext(PrivateKey key, Certificate[] chain) {
        try {
            char[] pw = "in-memory".toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, key, pw, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the server TLS context", e);
        }
    }

    @Override
    public String toString() {
        return "TlsMaterial[" + certificate.getSubjectX500Principal().getName() + "]";
    }
}
