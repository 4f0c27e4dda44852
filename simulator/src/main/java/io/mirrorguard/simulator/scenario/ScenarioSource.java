package io.mirrorguard.simulator.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a scenario's text comes from: a file, or a resource shipped in the simulator jar
 * ({@code classpath:NAME}, looked up under {@code scenarios/}). {@code :r} paths resolve against the including
 * source's folder.
 */
public sealed interface ScenarioSource {

    String CLASSPATH_PREFIX = "classpath:";

    /** What errors call this source: the path as given, or {@code classpath:scenarios/NAME.sql}. */
    String name();

    /** The whole text, UTF-8 (a leading byte order mark is dropped). */
    String read() throws IOException;

    /** The source {@code :r path} names when it appears in this one. */
    ScenarioSource resolve(String path);

    /** {@code classpath:NAME} (".sql" optional, under {@code scenarios/} unless NAME has a folder) or a file path. */
    static ScenarioSource of(String spec) {
        if (spec.regionMatches(true, 0, CLASSPATH_PREFIX, 0, CLASSPATH_PREFIX.length())) {
            String name = spec.substring(CLASSPATH_PREFIX.length());
            if (name.startsWith("/")) name = name.substring(1);
            if (name.isBlank()) throw new IllegalArgumentException("empty classpath scenario name in '" + spec + "'");
            if (!name.contains("/")) name = "scenarios/" + name;
            if (!name.endsWith(".sql")) name = name + ".sql";
            return new Resource(name);
        }
        return new File(Path.of(spec));
    }

    /** A scenario file on disk. */
    record File(Path path) implements ScenarioSource {
        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public String read() throws IOException {
            return stripBom(Files.readString(path, StandardCharsets.UTF_8));
        }

        @Override
        public ScenarioSource resolve(String other) {
            Path p = Path.of(other);
            if (p.isAbsolute()) return new File(p);
            Path dir = path.getParent();
            return new File(dir == null ? p : dir.resolve(p).normalize());
        }
    }

    /** A scenario resource, e.g. {@code scenarios/faults.sql}. */
    record Resource(String resource) implements ScenarioSource {
        @Override
        public String name() {
            return CLASSPATH_PREFIX + resource;
        }

        @Override
        public String read() throws IOException {
            try (InputStream in = ScenarioSource.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) throw new NoSuchFileException(name(), null, "no such scenario resource");
                return stripBom(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        @Override
        public ScenarioSource resolve(String other) {
            if (Path.of(other).isAbsolute()) return new File(Path.of(other));
            var parts = new java.util.ArrayDeque<String>();
            String[] base = resource.split("/");
            for (int i = 0; i < base.length - 1; i++) parts.addLast(base[i]);
            for (String seg : other.replace('\\', '/').split("/")) {
                if (seg.isEmpty() || seg.equals(".")) continue;
                if (seg.equals("..")) {
                    if (!parts.isEmpty()) parts.removeLast();
                } else {
                    parts.addLast(seg);
                }
            }
            return new Resource(String.join("/", parts));
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
