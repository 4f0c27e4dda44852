import io.mirrorguard.agent.demo.FleetDemo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Whether the daemon's memory returns to its baseline after many HTTP requests (issue 14 item 7). Starts the demo
 * (simulated demo-drift fleet + daemon, one JVM), audits once, then sends ROUNDS x REQUESTS requests that cycle
 * through every read route, bad parameters, unknown paths and wrong bearer tokens, and prints the heap used after a
 * full GC before and after each round, and the live thread count.
 * <pre>java -Xmx256m -cp agent/target/mirrorguard.jar bench/HttpMemoryBench.java [REQUESTS] [ROUNDS]</pre>
 */
public final class HttpMemoryBench {
    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (FleetDemo demo = FleetDemo.start(port)) {
            demo.auditNow();
            String base = "http://127.0.0.1:" + port;
            List<String> paths = List.of("/metrics", "/healthz", "/readyz", "/api/v1/instances", "/api/v1/findings",
                    "/api/v1/findings?instance=sqla&outcome=FAIL", "/api/v1/findings/lifecycle", "/api/v1/rules",
                    "/api/v1/reports/latest?format=json", "/api/v1/reports/latest?format=html",
                    "/api/v1/findings?instance=" + "x".repeat(2_000), "/api/v1/findings?severity=A&severity=B",
                    "/no/such/route", "/api/v1/audits/unknown-id");
            HttpClient client = HttpClient.newHttpClient();
            System.out.printf("baseline: heap after GC %.1f MiB, threads %d%n", heapAfterGc(), threads());
            long statusSum = 0;
            for (int round = 1; round <= rounds; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < requests; i++) {
                    HttpRequest request;
                    if (i % 15 == 14) {
                        request = HttpRequest.newBuilder(URI.create(base + "/api/v1/audits"))
                                .header("Authorization", "Bearer wrong-" + i)
                                .POST(HttpRequest.BodyPublishers.noBody()).build();
                    } else {
                        request = HttpRequest.newBuilder(URI.create(base + paths.get(i % paths.size()))).build();
                    }
                    statusSum += client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("after %,d requests (round %d, %.1f s, %.0f req/s): heap after GC %.1f MiB, "
                        + "threads %d%n", requests * round, round, seconds, requests / seconds, heapAfterGc(),
                        threads());
            }
            System.out.println("(status sum " + statusSum + ")");
        }
    }

    private static double heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }
}
