package io.mirrorguard.agent.collector;

import io.mirrorguard.agent.config.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust stores read once per file instead of once per login. With a {@code trustStore} property mssql-jdbc loads the
 * store for every connection (a PKCS12 load is ~3 ms of CPU, ~38 % of a login); through {@link CachedTrustManager}
 * the driver asks this cache, which re-reads a file only when its modification time or size has changed (a rotated
 * trust store takes effect at the next login, as before).
 */
public final class TrustStoreCache {
    /** The one the driver's {@link CachedTrustManager} instances resolve against (the driver builds them by name). */
    static final TrustStoreCache SHARED = new TrustStoreCache();

    /** mssql-jdbc's default when trustStoreType is not given. */
    static final String DEFAULT_TYPE = "JKS";

    private record Source(Path file, Secret password, String type) {}

    private record Stamp(FileTime modified, long size) {}

    private static final class Entry {
        final Source source;
        Stamp stamp;
        X509TrustManager trustManager;

        Entry(Source source) {
            this.source = source;
        }
    }

    private final Map<Source, String> ids = new ConcurrentHashMap<>();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicLong loads = new AtomicLong();

    /**
     * An opaque id for this store (the same for the same file, password and type); the id, not the password, is
     * what goes into the driver's connection properties.
     */
    public String register(Path file, Secret password, String type) {
        Source source = new Source(file.toAbsolutePath().normalize(), password, type == null ? DEFAULT_TYPE : type);
        return ids.computeIfAbsent(source, s -> {
            String id = "ts" + nextId.incrementAndGet();
            entries.put(id, new Entry(s));
            return id;
        });
    }

    /** The trust manager of a registered store, read now if the file is new or changed since the last read. */
    public X509TrustManager trustManager(String id) throws CertificateException {
        Entry e = entries.get(id);
        if (e == null) {
            throw new CertificateException("trust store " + id + " is not registered");
        }
        synchronized (e) {
            Stamp now = stamp(e.source.file());
            if (e.trustManager == null || !now.equals(e.stamp)) {
                e.trustManager = load(e.source);
                e.stamp = now;
                loads.incrementAndGet();
            }
            return e.trustManager;
        }
    }

    /** How many times a store file was read: for tests and benchmarks. */
    public long loads() {
        return loads.get();
    }

    private static Stamp stamp(Path file) throws CertificateException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime(), a.size());
        } catch (IOException e) {
            throw new CertificateException("cannot read trust store " + file + " (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    private static X509TrustManager load(Source s) throws CertificateException {
        try (InputStream in = Files.newInputStream(s.file())) {
            KeyStore store = KeyStore.getInstance(s.type());
            store.load(in, s.password() == null ? null : s.password().reveal().toCharArray());
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new CertificateException("no X.509 trust manager for trust store " + s.file());
        } catch (IOException | GeneralSecurityException e) {
            if (e instanceof CertificateException c) {
                throw c;
            }
            // the message names the file, never the password
            throw new CertificateException("cannot load trust store " + s.file() + " (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }
}
