package io.mirrorguard.agent.remediation.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mirrorguard.agent.cli.support.UserInputException;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.InstanceConfig;
import io.mirrorguard.agent.remediation.PlanView;
import java.io.PrintWriter;
import java.util.Locale;

/** Output helpers shared by the remediation commands. */
final class CommandSupport {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    enum Format { JSON, TEXT }

    private CommandSupport() {}

    /** The configured spelling of an instance name, or a usage error naming the option. */
    static String instanceName(AgentConfig cfg, String name, String option) {
        return cfg.instance(name).map(InstanceConfig::name).orElseThrow(() -> new UserInputException(
                option + ": unknown instance " + name + " (not in " + cfg.source() + ")"));
    }

    static void printJson(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }

    static Format format(String value) {
        try {
            return Format.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--format: expected json or text, got " + value);
        }
    }

    static void printText(PrintWriter out, String text) {
        out.print(text);
        out.flush();
    }

    static String planText(PlanView view) {
        return view.text();
    }
}
