package io.mirrorguard.agent.cli;

import io.mirrorguard.agent.cli.support.ExitCodes;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.HttpConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.Callable;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mirrorguard healthcheck}: asks the daemon that {@code --config} describes for {@code /healthz}, on the port
 * and scheme (http, or https with http.tls) that config gives it. For container health checks, which must follow the
 * configuration instead of assuming port 9440 over plain HTTP.
 */
@Command(name = "healthcheck", mixinStandardHelpOptions = true,
        description = {"Exit 0 when the daemon configured in FILE answers GET /healthz on its configured port and "
                + "scheme, 1 when it does not (for container health checks)."})
public final class HealthcheckCommand implements Callable<Integer> {

    /** Exit status when the daemon did not answer 200. */
    static final int UNHEALTHY = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "The daemon's configuration (its http section).")
    Path config;

    @Option(names = "--timeout-seconds", paramLabel = "N", defaultValue = "4",
            description = "Give up after N seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        AgentConfig cfg = ConfigSupport.load(config);
        HttpConfig http = cfg.http();
        URI uri = URI.create((http.tls() == null ? "http" : "https") + "://" + loopbackFor(http.bind()) + ":"
                + http.port() + "/healthz");
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setConnectTimeout(timeoutSeconds * 1000);
            c.setReadTimeout(timeoutSeconds * 1000);
            if (c instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(trusting(http.tls()).getSocketFactory());
                // trust is pinned to the daemon's own key store, whatever names its certificate carries
                https.setHostnameVerifier((host, session) -> true);
            }
            int status = c.getResponseCode();
            c.disconnect();
            if (status == 200) {
                spec.commandLine().getOut().println("healthy: " + uri);
                return ExitCodes.OK;
            }
            spec.commandLine().getErr().println("unhealthy: " + uri + " answered HTTP " + status);
        } catch (IOException e) {
            spec.commandLine().getErr().println("unhealthy: " + uri + ": " + e.getMessage());
        }
        return UNHEALTHY;
    }

    /** A wildcard bind is reached on loopback; a specific address is the only place the daemon listens. */
    static String loopbackFor(String bind) {
        if (bind == null || bind.isBlank() || bind.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (bind.equals("::") || bind.equals("[::]")) {
            return "[::1]";
        }
        return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }

    private static SSLContext trusting(HttpConfig.Tls tls) throws IOException {
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(in, tls.password().reveal().toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use http.tls.keystore " + tls.keystore() + ": " + e.getMessage(), e);
        }
    }
}
