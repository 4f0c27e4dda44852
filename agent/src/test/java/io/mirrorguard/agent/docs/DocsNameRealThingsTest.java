package io.mirrorguard.agent.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mirrorguard.agent.cli.MirrorguardCli;
import io.mirrorguard.agent.report.ReportFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs name only things that exist: every {@code mirrorguard <command>} in README.md and docs/ (in code spans and
 * code blocks) is a CLI command, and docs/daemon.md's route table lists exactly the routes openapi.yaml describes
 * (which ApiServerTest keeps equal to the routes the server registers).
 */
class DocsNameRealThingsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** "mirrorguard run", "mirrorguard.jar audit": the word after the command name (never mirrorguard_x, -x). */
    private static final Pattern COMMAND = Pattern.compile("(?<![\\w.-])mirrorguard(?:\\.jar)?[ \\t]+([a-z][a-z-]*)");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern ROUTE_ROW = Pattern.compile("^\\|\\s*`(GET|POST|PUT|DELETE|HEAD|PATCH) (/[^`?\\s]*)",
            Pattern.MULTILINE);

    private static List<Path> markdown() throws IOException {
        List<Path> out = new ArrayList<>();
        out.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
        }
        return out;
    }

    /** Inline code spans and fenced code blocks: where a doc names a command to type. */
    static List<String> code(String markdown) {
        List<String> out = new ArrayList<>();
        StringBuilder prose = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                out.add(line);
            } else {
                prose.append(line).append('\n');
            }
        }
        Matcher m = CODE_SPAN.matcher(prose);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static Set<String> commandsNamedIn(String markdown) {
        Set<String> out = new TreeSet<>();
        for (String code : code(markdown)) {
            Matcher m = COMMAND.matcher(code);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    @Test
    void the_extraction_finds_commands_in_code_only() {
        assertThat(commandsNamedIn("The agent (`mirrorguard daemon`) and mirrorguard continuously check.\n"
                + "```\njava -jar agent/target/mirrorguard.jar demo --http-port 1\n```\n`mirrorguard_findings`"))
                .containsExactly("daemon", "demo");
    }

    @Test
    void every_command_the_docs_name_exists() throws IOException {
        Set<String> commands = MirrorguardCli.commandLine().getSubcommands().keySet();
        List<String> unknown = new ArrayList<>();
        for (Path md : markdown()) {
            for (String c : commandsNamedIn(Files.readString(md, StandardCharsets.UTF_8))) {
                if (!commands.contains(c)) {
                    unknown.add(ROOT.relativize(md) + ": mirrorguard " + c);
                }
            }
        }
        assertThat(unknown).as("commands named in docs that the CLI does not have " + commands).isEmpty();
    }

    @Test
    void the_documented_report_formats_are_the_one_list_in_code() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        String row = readme.lines().filter(l -> l.startsWith("| `--format FORMAT`")).findFirst().orElseThrow();
        String daemon = Files.readString(ROOT.resolve("docs/daemon.md"), StandardCharsets.UTF_8);
        String route = "GET /api/v1/reports/latest?format=" + String.join("|", ReportFormat.names());
        assertThat(daemon).contains(route);
        for (String name : ReportFormat.names()) {
            assertThat(row).as("README --format row").contains("`" + name + "`");
        }
    }

    @Test
    void the_daemon_route_table_lists_exactly_the_documented_api() throws IOException {
        Set<String> table = new TreeSet<>();
        Matcher m = ROUTE_ROW.matcher(Files.readString(ROOT.resolve("docs/daemon.md"), StandardCharsets.UTF_8));
        while (m.find()) {
            table.add(m.group(1) + " " + m.group(2));
        }
        Set<String> openapi = new TreeSet<>();
        try (InputStream in = getClass().getResourceAsStream("/io/mirrorguard/agent/http/openapi.yaml")) {
            JsonNode paths = new YAMLMapper().readTree(in).get("paths");
            paths.fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(method -> {
                if (Set.of("get", "post", "put", "delete", "head", "patch").contains(method)) {
                    openapi.add(method.toUpperCase(Locale.ROOT) + " " + p.getKey());
                }
            }));
        }
        assertThat(table).as("docs/daemon.md route table vs openapi.yaml").containsExactlyInAnyOrderElementsOf(openapi);
    }
}
