package io.mirrorguard.agent.console;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * docs/rules/&lt;id&gt;.md as packaged in the jar, rendered to HTML. Raw HTML in the Markdown is escaped and link
 * targets are sanitised (no javascript: URLs), so a doc can never inject markup into the console.
 */
final class RuleDocs {
    static final String RESOURCE_DIR = "/io/mirrorguard/agent/console/rules/";
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    private final Parser parser;
    private final HtmlRenderer renderer;
    private final ConcurrentHashMap<String, Optional<String>> cache = new ConcurrentHashMap<>();

    RuleDocs() {
        var extensions = List.of(TablesExtension.create());
        this.parser = Parser.builder().extensions(extensions).build();
        this.renderer = HtmlRenderer.builder().extensions(extensions).escapeHtml(true).sanitizeUrls(true).build();
    }

    /** The rendered doc, or empty when {@code ruleId} is not a rule id or has no doc in the jar. */
    Optional<String> html(String ruleId) {
        if (ruleId == null || !RULE_ID.matcher(ruleId).matches()) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(ruleId, this::load);
    }

    private Optional<String> load(String ruleId) {
        try (InputStream in = RuleDocs.class.getResourceAsStream(RESOURCE_DIR + ruleId + ".md")) {
            if (in == null) {
                return Optional.empty();
            }
            String markdown = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Optional.of(renderer.render(parser.parse(markdown)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the doc of rule " + ruleId, e);
        }
    }
}
