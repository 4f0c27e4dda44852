package io.mirrorguard.agent.console;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.util.Locale;
import java.util.Map;

/** Thymeleaf over the templates in the jar; th:text escapes every value, so data cannot become markup. */
final class ConsoleTemplates {
    private final TemplateEngine engine = new TemplateEngine();

    ConsoleTemplates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ConsoleTemplates.class.getClassLoader());
        resolver.setPrefix("io/mirrorguard/agent/console/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
        engine.setLinkBuilder(new RootLinks());
    }

    /** @{/...} links are absolute paths on the daemon: it serves the console at the root, not under a context. */
    private static final class RootLinks extends StandardLinkBuilder {
        @Override
        protected String computeContextPath(IExpressionContext context, String base, Map<String, Object> parameters) {
            return "";
        }
    }

    String render(String template, Map<String, Object> model) {
        return engine.process(template, new Context(Locale.ENGLISH, model));
    }
}
