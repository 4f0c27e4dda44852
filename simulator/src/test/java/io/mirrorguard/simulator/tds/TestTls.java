package io.mirrorguard.simulator.tds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One generated certificate per test JVM (key generation is the slow part), with its trust store and PEM. */
final class TestTls {
    static final char[] TRUST_PASSWORD = "changeit".toCharArray();
    static final TlsMaterial MATERIAL = TlsMaterial.selfSigned();
    static final Path DIR;
    static final Path TRUST_STORE;
    static final Path PEM;

    static {
        try {
            DIR = Files.createTempDirectory("tds-tls");
            TRUST_STORE = DIR.resolve("truststore.p12");
            PEM = DIR.resolve("simulator.pem");
            MATERIAL.writeTrustStore(TRUST_STORE, TRUST_PASSWORD);
            MATERIAL.writePem(PEM);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestTls() {}

    /** mssql-jdbc properties that validate the certificate against the written trust store. */
    static String validatingJdbcProps() {
        return "trustStore=" + TRUST_STORE + ";trustStorePassword=changeit;trustStoreType=PKCS12;"
                + "hostNameInCertificate=localhost;trustServerCertificate=false";
    }
}
