package io.mirrorguard.agent.config;

import java.nio.file.Path;

/**
 * TLS towards one instance. Defaults validate the server certificate: encrypt true, trustServerCertificate false.
 *
 * @param trustStore resolved against the configuration file's directory; null uses the JVM's trust store
 */
public record TlsConfig(EncryptMode encrypt, boolean trustServerCertificate, String hostNameInCertificate,
                        Path trustStore, Secret trustStorePassword, String trustStoreType) {

    public static TlsConfig defaults() {
        return new TlsConfig(EncryptMode.TRUE, false, null, null, null, null);
    }
}
