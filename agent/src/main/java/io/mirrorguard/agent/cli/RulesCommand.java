package io.mirrorguard.agent.cli;

import io.mirrorguard.agent.cli.support.ExitCodes;
import io.mirrorguard.rules.catalog.BuiltInRules;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.engine.RuleEngine;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists the built-in rules with their default severity. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "List the built-in rules.")
final class RulesCommand implements Callable<Integer> {

    enum Format { json, text }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", description = "json or text (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() throws Exception {
        List<RuleDescriptor> rules = BuiltInRules.engine().descriptors();
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = mapper.createObjectNode();
            ArrayNode list = root.putArray("rules");
            for (RuleDescriptor d : rules) {
                list.addObject()
                        .put("id", d.id())
                        .put("title", d.title())
                        .put("severity", d.severity() == null ? null : d.severity().name())
                        .put("category", d.category() == null ? null : d.category().name())
                        .put("description", d.rationale())
                        .put("doc", d.docPath());
            }
            out.println(mapper.writeValueAsString(root));
        } else {
            int width = rules.stream().mapToInt(d -> d.id().length()).max().orElse(10);
            out.printf("%-" + width + "s  %-8s  %-10s  %s%n", "ID", "SEVERITY", "CATEGORY", "TITLE");
            for (RuleDescriptor d : rules) {
                out.printf("%-" + width + "s  %-8s  %-10s  %s%n", d.id(), d.severity(), d.category(), d.title());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
