package io.mirrorguard.dashboards;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A Prometheus binary (promtool, prometheus) found on PATH. Tests skip when it is missing, except under
 * MIRRORGUARD_REQUIRE_TOOLS=true (set by .ci/run), where a missing tool is a broken build machine and must fail. Not
 * {@code CI=true}: hosted CIs set that for every pipeline, where a user's plain {@code ./mvnw -B verify} must skip.
 */
record ExternalTool(Path executable) {
    static final String REQUIRE_SWITCH = "MIRRORGUARD_REQUIRE_TOOLS";

    static boolean mustNotSkip(java.util.Map<String, String> env) {
        return "true".equalsIgnoreCase(env.get(REQUIRE_SWITCH));
    }

    record Result(int exitCode, String output) {
    }

    static ExternalTool require(String name) {
        Optional<Path> found = find(name);
        if (found.isEmpty()) {
            String message = name + " not found on PATH (Debian: apt-get install -y prometheus)";
            if (mustNotSkip(System.getenv())) {
                throw new AssertionError(message + "; " + REQUIRE_SWITCH + "=true, so this is a failure, not a skip");
            }
            Assumptions.abort(message);
        }
        return new ExternalTool(found.get());
    }

    static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs the tool to completion with stderr merged into the returned output. */
    Result run(Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 2 minutes");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }
}
