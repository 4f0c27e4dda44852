package io.mirrorguard.agent.console;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The read-only web console: `/` (what to fix, instances, trust picture), one page per instance, the certificates
 * and each rule's doc, with their CSS from the jar. It offers no action that changes anything, so it needs no
 * token; it reads only what the JSON API already serves without one.
 */
public final class ConsoleRoutes {
    /**
     * Nothing but this origin's own stylesheet and icon: no scripts at all (the pages need none), no inline styles,
     * no frames, no forms.
     */
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";
    private static final String ASSETS = "/io/mirrorguard/agent/console/assets/";
    private static final Map<String, String> ASSET_TYPES = Map.of(
            "console.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private final ConsoleData data;
    private final ConsoleTemplates templates = new ConsoleTemplates();
    private final RuleDocs docs = new RuleDocs();

    private ConsoleRoutes(ConsoleData data) {
        this.data = data;
    }

    /** Adds the console's GET routes. */
    public static void register(RoutesConfig routes, ConsoleData data) {
        ConsoleRoutes console = new ConsoleRoutes(data);
        routes.get("/", console::overview);
        routes.get("/console/instances/{name}", console::instance);
        routes.get("/console/certificates", console::certificates);
        routes.get("/console/rules/{id}", console::rule);
        routes.get("/console/assets/{file}", console::asset);
        // browsers ask for it on every page without a declared icon (the HTML report, the API's JSON)
        routes.get("/favicon.ico", ctx -> console.send(ctx, "favicon.svg"));
    }

    private void overview(Context ctx) {
        page(ctx, "overview", OverviewPage.model(data.report().get().orElse(null), data.statuses().get(),
                data.clock().instant()));
    }

    private void instance(Context ctx) {
        String name = ctx.pathParam("name");
        Map<String, Object> model = InstancePage.model(name, data.report().get().orElse(null),
                        data.statuses().get(), data.store().get(), data.clock().instant())
                .orElseThrow(() -> new NotFoundResponse("unknown instance " + name));
        page(ctx, "instance", model);
    }

    private void certificates(Context ctx) {
        page(ctx, "certificates", CertificatesPage.model(data.snapshot().get().orElse(null), data.clock().instant()));
    }

    private void rule(Context ctx) {
        String id = ctx.pathParam("id");
        String html = docs.html(id).orElseThrow(() -> new NotFoundResponse("no documentation for rule " + id));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("ruleId", id);
        model.put("docHtml", html);
        page(ctx, "rule", model);
    }

    private void asset(Context ctx) throws IOException {
        send(ctx, ctx.pathParam("file"));
    }

    private void send(Context ctx, String file) throws IOException {
        String type = ASSET_TYPES.get(file);
        if (type == null) {
            throw new NotFoundResponse("no console asset " + file);
        }
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(ASSETS + file)) {
            if (in == null) {
                throw new IllegalStateException(ASSETS + file + " missing from the build");
            }
            secure(ctx);
            ctx.header("Cache-Control", "max-age=300");
            ctx.status(200).contentType(type).result(in.readAllBytes());
        }
    }

    private void page(Context ctx, String template, Map<String, Object> model) {
        secure(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.status(200).contentType("text/html; charset=utf-8").result(templates.render(template, model));
    }

    private static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }
}
