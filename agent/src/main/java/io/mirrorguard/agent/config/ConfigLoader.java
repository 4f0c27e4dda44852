package io.mirrorguard.agent.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mirrorguard.rules.engine.PolicyException;
import io.mirrorguard.rules.engine.PolicyParameters;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.engine.Waiver;
import io.mirrorguard.rules.model.DeclaredLink;
import io.mirrorguard.rules.model.LinkRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * Reads the agent's YAML configuration into {@link AgentConfig}: unknown keys, wrong types, missing values,
 * duplicate names, bad cron expressions, unknown rule ids and unresolvable secrets are all reported together in one
 * {@link ConfigException}, each with the path of the key concerned.
 */
public final class ConfigLoader {

    private final Function<String, String> environment;
    private final Set<String> knownRuleIds;

    /**
     * @param environment  looks up {@code ${env:VAR}}
     * @param knownRuleIds rule ids the configuration may name; null skips that check
     */
    public ConfigLoader(Function<String, String> environment, Set<String> knownRuleIds) {
        this.environment = environment;
        this.knownRuleIds = knownRuleIds == null ? null : Set.copyOf(knownRuleIds);
    }

    /** Loads with the process environment and the built-in rules' ids. */
    public static AgentConfig load(Path file) throws ConfigException {
        return new ConfigLoader(System::getenv, KnownRules.ids()).read(file);
    }

    public AgentConfig read(Path file) throws ConfigException {
        Path absolute = file.toAbsolutePath().normalize();
        String text;
        try {
            text = Files.readString(absolute);
        } catch (IOException e) {
            throw new ConfigException(absolute.toString(),
                    List.of("cannot read the configuration file (" + e.getClass().getSimpleName() + ")"));
        }
        Path base = absolute.getParent() == null ? Path.of(".").toAbsolutePath() : absolute.getParent();
        return parse(text, absolute, base);
    }

    /**
     * SnakeYAML refuses documents over 3 M code points by default; a fleet of 10,000 instances written out in full
     * (the simulator's inventory, ~660 characters each) is ~6.6 M. 64 M still stops a runaway file.
     */
    static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

    private static final YAMLFactory YAML = YAMLFactory.builder()
            .loaderOptions(codePointLimit(MAX_CODE_POINTS))
            .build();

    private static org.yaml.snakeyaml.LoaderOptions codePointLimit(int limit) {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setCodePointLimit(limit);
        return options;
    }

    /** Parses YAML text; relative paths and {@code ${file:...}} resolve against {@code baseDirectory}. */
    public AgentConfig parse(String yaml, Path source, Path baseDirectory) throws ConfigException {
        String name = source == null ? "(text)" : source.toString();
        JsonNode root;
        try {
            ObjectMapper mapper = new ObjectMapper(YAML);
            mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = mapper.readTree(yaml);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new ConfigException(name, List.of(where + "not valid YAML: " + e.getOriginalMessage()));
        }
        Problems problems = new Problems();
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.add("instances", "required (the file is empty)");
            throw new ConfigException(name, problems.list());
        }
        SecretResolver secrets = new SecretResolver(environment, baseDirectory);
        YamlObject top = YamlObject.root(root, problems, secrets,
                "instances", "topology", "schedule", "policy", "rules", "waivers", "http", "storage", "remediation", "metrics");
        Map<String, String> instanceNames = new LinkedHashMap<>();
        List<InstanceConfig> instances = instances(top, instanceNames, baseDirectory);
        TopologyConfig topology = topology(top.object("topology", "links"), instanceNames);
        ScheduleConfig schedule = schedule(top.object("schedule", "cron", "jitterSeconds", "concurrency"));
        PolicyParameters policy = policy(top.object("policy",
                "expiryWarningDays", "expiryHighDays", "allowWindowsFallback", "minimumKeyBits"));
        RulesConfig rules = rules(top.object("rules", "disabled", "severity"));
        List<Waiver> waivers = waivers(top, instanceNames);
        HttpConfig http = http(top.object("http", "bind", "port", "tokens", "tls", "metricsAuth"), baseDirectory);
        StorageConfig storage = storage(top.object("storage", "path", "retentionDays", "url", "user", "password"), baseDirectory);
        RemediationConfig remediation = remediation(top.object("remediation", "enabled", "rules", "instances",
                "maintenanceWindows", "maxFixesPerRun", "maxFixesPerInstance", "stopAfterConsecutiveErrors",
                "backupPath", "masterKeyPassword", "backupPassword"), instanceNames, instances);
        MetricsConfig metrics = new MetricsConfig(top.object("metrics", "ruleDetail")
                .enumValue("ruleDetail", MetricsConfig.RuleDetail.class, MetricsConfig.RuleDetail.NONPASS));
        if (!problems.isEmpty()) {
            throw new ConfigException(name, problems.list());
        }
        AgentConfig config = new AgentConfig(source, instances, topology, schedule, policy, rules, waivers, http,
                storage, remediation, metrics);
        try {
            // The rules core's own checks; everything they test was checked above, this guards against drift.
            if (knownRuleIds == null) {
                config.toPolicy().validate();
            } else {
                config.toPolicy().validate(knownRuleIds);
            }
        } catch (PolicyException e) {
            throw new ConfigException(name, List.of(e.getMessage()));
        }
        return config;
    }

    private List<InstanceConfig> instances(YamlObject top, Map<String, String> names, Path base) {
        if (!top.has("instances")) {
            top.problem("instances", "required (at least one instance)");
            return List.of();
        }
        List<YamlObject> list = top.objects("instances", "name", "host", "port", "instanceName", "auth",
                "remediationAuth", "tls", "loginTimeoutSeconds", "queryTimeoutSeconds", "aliases", "tags");
        if (list.isEmpty() && top.raw("instances").isArray()) {
            top.problem("instances", "at least one instance is required");
        }
        List<InstanceConfig> out = new ArrayList<>();
        for (YamlObject o : list) {
            String name = o.requiredString("name");
            if (name != null) {
                String key = name.toUpperCase(Locale.ROOT);
                String earlier = names.putIfAbsent(key, o.path());
                if (earlier != null) {
                    o.problem("name", "duplicate instance name " + name + " (also " + earlier + ")");
                }
            }
            String host = o.requiredString("host");
            Integer port = o.optionalInteger("port", 1, 65535);
            String instanceName = o.string("instanceName", null);
            if (o.has("port") && o.has("instanceName")) {
                o.problem("instanceName", "give either port or instanceName, not both");
            }
            if (!o.has("port") && instanceName == null) {
                port = InstanceConfig.DEFAULT_PORT;
            }
            AuthConfig auth = o.has("auth") ? auth(o.object("auth", "type", "user", "password")) : null;
            if (!o.has("auth")) {
                o.problem("auth", "required");
            }
            AuthConfig remediationAuth = o.has("remediationAuth")
                    ? auth(o.object("remediationAuth", "type", "user", "password")) : null;
            TlsConfig tls = tls(o.object("tls", "encrypt", "trustServerCertificate", "hostNameInCertificate",
                    "trustStore", "trustStorePassword", "trustStoreType"), base);
            int loginTimeout = o.integer("loginTimeoutSeconds", InstanceConfig.DEFAULT_LOGIN_TIMEOUT_SECONDS, 1, 600);
            int queryTimeout = o.integer("queryTimeoutSeconds", InstanceConfig.DEFAULT_QUERY_TIMEOUT_SECONDS, 1, 3600);
            List<String> aliases = o.strings("aliases");
            Map<String, String> tags = o.stringMap("tags");
            out.add(new InstanceConfig(name, host, port, instanceName, auth, remediationAuth, tls, loginTimeout,
                    queryTimeout, aliases, tags));
        }
        return out;
    }

    private AuthConfig auth(YamlObject o) {
        AuthType type = o.enumValue("type", AuthType.class, null);
        if (!o.has("type")) {
            o.problem("type", "required (sql | integrated | kerberos)");
        }
        String user = o.string("user", null);
        Secret password = null;
        if (type == AuthType.SQL) {
            if (!o.has("user")) {
                o.problem("user", "required for type sql");
            }
            password = o.secret("password", true);
        } else if (type == AuthType.INTEGRATED) {
            if (o.has("user")) {
                o.problem("user", "not allowed for type integrated (the agent's own Windows identity is used)");
            }
            if (o.has("password")) {
                o.problem("password", "not allowed for type integrated");
            }
        } else if (type == AuthType.KERBEROS) {
            password = o.secret("password", false);
        }
        return new AuthConfig(type, user, password);
    }

    private TlsConfig tls(YamlObject o, Path base) {
        EncryptMode encrypt = o.enumValue("encrypt", EncryptMode.class, EncryptMode.TRUE);
        boolean trust = o.bool("trustServerCertificate", false);
        String hostName = o.string("hostNameInCertificate", null);
        Path trustStore = existingFile(o, "trustStore", base);
        Secret trustStorePassword = o.secret("trustStorePassword", false);
        String trustStoreType = o.string("trustStoreType", null);
        if (trustStorePassword != null && !o.has("trustStore")) {
            o.problem("trustStorePassword", "given without trustStore");
        }
        return new TlsConfig(encrypt, trust, hostName, trustStore, trustStorePassword, trustStoreType);
    }

    private static Path existingFile(YamlObject o, String key, Path base) {
        String text = o.string(key, null);
        if (text == null) {
            return null;
        }
        Path p = base.resolve(text).normalize();
        if (!Files.isReadable(p)) {
            o.problem(key, "file " + p + " does not exist or is not readable");
        }
        return p;
    }

    private TopologyConfig topology(YamlObject o, Map<String, String> names) {
        List<DeclaredLink> links = new ArrayList<>();
        for (YamlObject l : o.objects("links", "a", "b", "role")) {
            String a = instanceReference(l, "a", names, true);
            String b = instanceReference(l, "b", names, true);
            LinkRole role = l.enumValue("role", LinkRole.class, null);
            if (!l.has("role")) {
                l.problem("role", "required (partner | witness | replica)");
            }
            if (a != null && a.equalsIgnoreCase(b)) {
                l.problem("b", "a link needs two different instances");
            }
            links.add(new DeclaredLink(a, b, role));
        }
        return new TopologyConfig(links);
    }

    private static String instanceReference(YamlObject o, String key, Map<String, String> names, boolean required) {
        String name = required ? o.requiredString(key) : o.string(key, null);
        if (name != null && !names.containsKey(name.toUpperCase(Locale.ROOT))) {
            o.problem(key, "unknown instance " + name + " (not in instances)");
        }
        return name;
    }

    private static ScheduleConfig schedule(YamlObject o) {
        String cron = o.string("cron", ScheduleConfig.DEFAULT_CRON);
        try {
            CronExpression.validateExpression(cron);
        } catch (ParseException e) {
            o.problem("cron", "not a valid Quartz cron expression \"" + cron + "\": " + e.getMessage());
        }
        int jitter = o.integer("jitterSeconds", 0, 0, 3600);
        int concurrency = o.integer("concurrency", 4, 1, 256);
        return new ScheduleConfig(cron, jitter, concurrency);
    }

    private static PolicyParameters policy(YamlObject o) {
        PolicyParameters d = PolicyParameters.defaults();
        int warning = o.integer("expiryWarningDays", d.expiryWarningDays(), 1, 3650);
        int high = o.integer("expiryHighDays", d.expiryHighDays(), 0, 3650);
        if (high >= warning) {
            o.problem("expiryHighDays", "must be less than expiryWarningDays (" + warning + "), got " + high);
        }
        boolean fallback = o.bool("allowWindowsFallback", d.allowWindowsFallback());
        int bits = o.integer("minimumKeyBits", d.minimumKeyBits(), 512, 16384);
        return new PolicyParameters(warning, high, fallback, bits);
    }

    private RulesConfig rules(YamlObject o) {
        Set<String> disabled = new LinkedHashSet<>();
        List<String> listed = o.strings("disabled");
        for (int i = 0; i < listed.size(); i++) {
            ruleId(o, o.child("disabled") + "[" + i + "]", listed.get(i));
            disabled.add(listed.get(i));
        }
        Map<String, Severity> severity = new HashMap<>();
        Map<String, String> raw = o.stringMap("severity");
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String path = o.child("severity") + "." + e.getKey();
            ruleId(o, path, e.getKey());
            try {
                severity.put(e.getKey(), Severity.valueOf(e.getValue().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException ex) {
                o.problems().add(path, "expected one of CRITICAL | HIGH | MEDIUM | LOW | INFO, got " + e.getValue());
            }
        }
        return new RulesConfig(disabled, severity);
    }

    private void ruleId(YamlObject o, String path, String id) {
        if (id != null && knownRuleIds != null && !knownRuleIds.contains(id)) {
            o.problems().add(path, "unknown rule id " + id);
        }
    }

    private List<Waiver> waivers(YamlObject top, Map<String, String> names) {
        List<Waiver> out = new ArrayList<>();
        for (YamlObject w : top.objects("waivers", "rule", "instance", "peer", "reason", "expires")) {
            String rule = w.requiredString("rule");
            ruleId(w, w.child("rule"), rule);
            String instance = instanceReference(w, "instance", names, true);
            String peer = instanceReference(w, "peer", names, false);
            String reason = w.requiredString("reason");
            LocalDate expires = date(w, "expires");
            out.add(new Waiver(rule, instance, peer, reason, expires));
        }
        return out;
    }

    private static LocalDate date(YamlObject o, String key) {
        String text = o.requiredString(key);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            o.problem(key, "expected a date like 2027-01-31, got " + text);
            return null;
        }
    }

    private static HttpConfig http(YamlObject o, Path base) {
        HttpConfig d = HttpConfig.defaults();
        String bind = o.string("bind", d.bind());
        int port = o.integer("port", d.port(), 1, 65535);
        List<Secret> tokens = o.secrets("tokens");
        HttpConfig.Tls tls = null;
        if (o.has("tls")) {
            YamlObject t = o.object("tls", "keystore", "password");
            if (!t.has("keystore")) {
                t.problem("keystore", "required when http.tls is given");
            }
            tls = new HttpConfig.Tls(existingFile(t, "keystore", base), t.secret("password", true));
        }
        boolean metricsAuth = o.bool("metricsAuth", false);
        if (metricsAuth && tokens.isEmpty()) {
            o.problem("metricsAuth", "true needs at least one http.tokens entry (the bearer token scrapers send)");
        }
        return new HttpConfig(bind, port, tokens, tls, metricsAuth);
    }

    private static StorageConfig storage(YamlObject o, Path base) {
        String path = o.string("path", "mirrorguard-data");
        int retention = o.integer("retentionDays", 30, 1, 36500);
        String url = o.has("url") ? o.string("url", null) : null;
        if (url != null && !POSTGRES_URL.matcher(url).matches()) {
            o.problem("url", "expected jdbc:postgresql://HOST[:PORT]/DATABASE[?PARAMS]");
        } else if (url != null && CREDENTIAL_PARAM.matcher(url).find()) {
            // the URL shows up in messages and logs: credentials go through the secret keys
            o.problem("url", "must not carry user or password parameters; use storage.user and storage.password");
        }
        Secret user = o.secret("user", false);
        Secret password = o.secret("password", false);
        if (!o.has("url") && (user != null || password != null)) {
            o.problem(user != null ? "user" : "password", "only used with storage.url (PostgreSQL); set storage.url "
                    + "or remove this key");
        }
        return new StorageConfig(base.resolve(path).normalize(), retention, url, user, password);
    }

    /** A PostgreSQL JDBC URL with a host and a database; credentials belong in storage.user/password. */
    private static final Pattern POSTGRES_URL = Pattern.compile(
            "jdbc:postgresql://(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:\\d{1,5})?/[^/?#\\s]+(\\?[^#\\s]*)?");
    private static final Pattern CREDENTIAL_PARAM = Pattern.compile("[?&](user|password)=", Pattern.CASE_INSENSITIVE);

    private RemediationConfig remediation(YamlObject o, Map<String, String> names, List<InstanceConfig> instances) {
        RemediationConfig d = RemediationConfig.disabled();
        boolean enabled = o.bool("enabled", false);
        List<String> rules = o.strings("rules");
        for (int i = 0; i < rules.size(); i++) {
            ruleId(o, o.child("rules") + "[" + i + "]", rules.get(i));
        }
        List<String> targets = o.strings("instances");
        for (int i = 0; i < targets.size(); i++) {
            String path = o.child("instances") + "[" + i + "]";
            String t = targets.get(i);
            if (!names.containsKey(t.toUpperCase(Locale.ROOT))) {
                o.problems().add(path, "unknown instance " + t + " (not in instances)");
            } else if (enabled && instances.stream()
                    .anyMatch(c -> t.equalsIgnoreCase(c.name()) && c.remediationAuth() == null)) {
                o.problems().add(path, "instance " + t + " has no remediationAuth");
            }
        }
        List<MaintenanceWindow> windows = new ArrayList<>();
        for (YamlObject w : o.objects("maintenanceWindows", "days", "start", "end", "zone")) {
            MaintenanceWindow mw = window(w);
            if (mw != null) {
                windows.add(mw);
            }
        }
        int perRun = o.integer("maxFixesPerRun", d.maxFixesPerRun(), 1, 10_000);
        int perInstance = o.integer("maxFixesPerInstance", d.maxFixesPerInstance(), 1, 10_000);
        int stopAfter = o.integer("stopAfterConsecutiveErrors", d.stopAfterConsecutiveErrors(), 1, 10_000);
        String backupPath = o.string("backupPath", null);
        Secret masterKeyPassword = o.secret("masterKeyPassword", false);
        Secret backupPassword = o.secret("backupPassword", false);
        return new RemediationConfig(enabled, new LinkedHashSet<>(rules), new LinkedHashSet<>(targets), windows,
                perRun, perInstance, stopAfter, backupPath, masterKeyPassword, backupPassword);
    }

    private static MaintenanceWindow window(YamlObject w) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        List<String> dayNames = w.strings("days");
        for (int i = 0; i < dayNames.size(); i++) {
            DayOfWeek day = dayOfWeek(dayNames.get(i));
            if (day == null) {
                w.problems().add(w.child("days") + "[" + i + "]",
                        "expected a day such as MON or MONDAY, got " + dayNames.get(i));
            } else {
                days.add(day);
            }
        }
        LocalTime start = time(w, "start");
        LocalTime end = time(w, "end");
        ZoneId zone = ZoneId.of("UTC");
        String zoneText = w.string("zone", null);
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (RuntimeException e) {
                w.problem("zone", "unknown time zone " + zoneText);
            }
        }
        if (start != null && start.equals(end)) {
            w.problem("end", "must differ from start");
        }
        return start == null || end == null ? null : new MaintenanceWindow(days, start, end, zone);
    }

    private static DayOfWeek dayOfWeek(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(t) || (t.length() == 3 && d.name().startsWith(t))) {
                return d;
            }
        }
        return null;
    }

    private static LocalTime time(YamlObject o, String key) {
        String text = o.requiredString(key);
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            o.problem(key, "expected a time like 22:00, got " + text);
            return null;
        }
    }
}
