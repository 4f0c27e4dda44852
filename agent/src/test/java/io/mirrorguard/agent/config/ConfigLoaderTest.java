package io.mirrorguard.agent.config;

import io.mirrorguard.rules.catalog.EndpointCertificateBackedUp;
import io.mirrorguard.rules.catalog.EndpointConnectNotPublic;
import io.mirrorguard.rules.catalog.EndpointEncryptionRequired;
import io.mirrorguard.rules.catalog.EndpointStarted;
import io.mirrorguard.rules.catalog.InstanceAudited;
import io.mirrorguard.rules.catalog.PeerCertificateInstalled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirrorguard.rules.engine.PolicyParameters;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.model.LinkRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String AUDIT_PASSWORD = "Audit-Secret-Value-1";
    private static final String TOKEN = "token-secret-value-2";

    /** Ids from the rule catalog; the loader takes them from the engine in production. */
    private static final Set<String> RULE_IDS = Set.of(InstanceAudited.ID, EndpointStarted.ID,
            EndpointCertificateBackedUp.ID, EndpointConnectNotPublic.ID, PeerCertificateInstalled.ID,
            EndpointEncryptionRequired.ID);

    @TempDir
    Path dir;

    private final Map<String, String> env = new java.util.HashMap<>();
    private ConfigLoader loader;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/audit.password"), AUDIT_PASSWORD + "\n");
        Files.writeString(dir.resolve("truststore.p12"), "not really a store");
        env.put("MG_TOKEN", TOKEN);
        env.put("MG_SA", "sa-secret-value-3");
        loader = new ConfigLoader(env::get, RULE_IDS);
    }

    private AgentConfig load(String yaml) throws Exception {
        Path file = dir.resolve("mirrorguard.yaml");
        Files.writeString(file, yaml);
        return loader.read(file);
    }

    private ConfigException fails(String yaml) {
        return assertThrows(ConfigException.class, () -> load(yaml));
    }

    private static final String MINIMAL = """
            instances:
              - name: SQLA
                host: 127.0.0.1
                port: 14331
                auth: {type: sql, user: mirrorguard_audit, password: "${file:secrets/audit.password}"}
            """;

    @Test
    void full_example_binds_every_key() throws Exception {
        AgentConfig c = load("""
                instances:
                  - name: SQLA
                    host: 127.0.0.1
                    port: 14331
                    auth:
                      type: sql
                      user: mirrorguard_audit
                      password: ${file:secrets/audit.password}
                    remediationAuth: {type: sql, user: sa, password: "${env:MG_SA}"}
                    tls:
                      encrypt: strict
                      trustServerCertificate: false
                      hostNameInCertificate: localhost
                      trustStore: truststore.p12
                      trustStorePassword: ${env:MG_TOKEN}
                      trustStoreType: PKCS12
                    loginTimeoutSeconds: 5
                    queryTimeoutSeconds: 20
                    aliases: ["SQLA.*", "10.0.0.1"]
                    tags: {env: demo, tier: 1}
                  - name: SQLB
                    host: sqlb.example
                    instanceName: NAMED
                    auth: {type: kerberos}
                    tls: {encrypt: false}
                topology:
                  links:
                    - {a: SQLA, b: SQLB, role: partner}
                schedule: {cron: "0 0/10 * * * ?", jitterSeconds: 30, concurrency: 2}
                policy: {expiryWarningDays: 45, expiryHighDays: 10, allowWindowsFallback: true, minimumKeyBits: 3072}
                rules:
                  disabled: [endpoint-certificate-backed-up]
                  severity: {endpoint-connect-not-public: critical}
                waivers:
                  - {rule: peer-certificate-installed, instance: SQLA, peer: SQLB, reason: migration, expires: 2027-01-31}
                http:
                  bind: 0.0.0.0
                  port: 9550
                  tokens: ["${env:MG_TOKEN}"]
                  tls: {keystore: truststore.p12, password: "${env:MG_TOKEN}"}
                storage: {path: data, retentionDays: 90}
                remediation:
                  enabled: true
                  rules: [endpoint-encryption-required]
                  instances: [SQLA]
                  maintenanceWindows:
                    - {days: [SAT, sunday], start: "22:00", end: "04:00", zone: Europe/Berlin}
                  maxFixesPerRun: 5
                  maxFixesPerInstance: 2
                  stopAfterConsecutiveErrors: 1
                  backupPath: /var/opt/mssql/backup
                  masterKeyPassword: ${env:MG_SA}
                  backupPassword: ${env:MG_SA}
                """);
        InstanceConfig a = c.instances().get(0);
        assertThat(a.name()).isEqualTo("SQLA");
        assertThat(a.port()).isEqualTo(14331);
        assertThat(a.auth().type()).isEqualTo(AuthType.SQL);
        assertThat(a.auth().password().reveal()).isEqualTo(AUDIT_PASSWORD);
        assertThat(a.remediationAuth().password().reveal()).isEqualTo("sa-secret-value-3");
        assertThat(a.tls().encrypt()).isEqualTo(EncryptMode.STRICT);
        assertThat(a.tls().trustStore()).isEqualTo(dir.resolve("truststore.p12"));
        assertThat(a.tls().hostNameInCertificate()).isEqualTo("localhost");
        assertThat(a.loginTimeoutSeconds()).isEqualTo(5);
        assertThat(a.queryTimeoutSeconds()).isEqualTo(20);
        assertThat(a.tags()).containsEntry("tier", "1");
        assertThat(a.target().aliases()).containsExactly("SQLA.*", "10.0.0.1");
        InstanceConfig b = c.instances().get(1);
        assertThat(b.port()).isNull();
        assertThat(b.instanceName()).isEqualTo("NAMED");
        assertThat(b.auth().type()).isEqualTo(AuthType.KERBEROS);
        assertThat(b.tls().encrypt()).isEqualTo(EncryptMode.FALSE);
        assertThat(b.loginTimeoutSeconds()).isEqualTo(InstanceConfig.DEFAULT_LOGIN_TIMEOUT_SECONDS);
        assertThat(c.topology().links()).singleElement()
                .satisfies(l -> assertThat(l.role()).isEqualTo(LinkRole.PARTNER));
        assertThat(c.schedule()).isEqualTo(new ScheduleConfig("0 0/10 * * * ?", 30, 2));
        assertThat(c.policy()).isEqualTo(new PolicyParameters(45, 10, true, 3072));
        assertThat(c.rules().disabled()).containsExactly(EndpointCertificateBackedUp.ID);
        assertThat(c.rules().severity()).containsEntry(EndpointConnectNotPublic.ID, Severity.CRITICAL);
        assertThat(c.waivers()).singleElement().satisfies(w -> {
            assertThat(w.peer()).isEqualTo("SQLB");
            assertThat(w.expires()).isEqualTo(LocalDate.of(2027, 1, 31));
        });
        assertThat(c.http().bind()).isEqualTo("0.0.0.0");
        assertThat(c.http().port()).isEqualTo(9550);
        assertThat(c.http().tokens()).extracting(Secret::reveal).containsExactly(TOKEN);
        assertThat(c.http().tls().keystore()).isEqualTo(dir.resolve("truststore.p12"));
        assertThat(c.storage()).isEqualTo(new StorageConfig(dir.resolve("data"), 90));
        RemediationConfig r = c.remediation();
        assertThat(r.enabled()).isTrue();
        assertThat(r.instances()).containsExactly("SQLA");
        assertThat(r.maintenanceWindows()).singleElement().satisfies(w -> {
            assertThat(w.days()).containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            assertThat(w.start()).isEqualTo(LocalTime.of(22, 0));
        });
        assertThat(r.maxFixesPerRun()).isEqualTo(5);
        assertThat(r.backupPath()).isEqualTo("/var/opt/mssql/backup");
        assertThat(c.instance("sqla")).contains(a);
    }

    @Test
    void minimal_file_gets_the_documented_defaults() throws Exception {
        AgentConfig c = load(MINIMAL);
        InstanceConfig a = c.instances().get(0);
        assertThat(a.tls()).isEqualTo(TlsConfig.defaults());
        assertThat(a.tls().encrypt()).isEqualTo(EncryptMode.TRUE);
        assertThat(a.tls().trustServerCertificate()).isFalse();
        assertThat(a.queryTimeoutSeconds()).isEqualTo(30);
        assertThat(c.schedule().cron()).isEqualTo("0 */5 * * * ?");
        assertThat(c.policy()).isEqualTo(PolicyParameters.defaults());
        assertThat(c.http().port()).isEqualTo(9440);
        assertThat(c.http().bind()).isEqualTo("127.0.0.1");
        assertThat(c.storage().retentionDays()).isEqualTo(30);
        assertThat(c.remediation().enabled()).isFalse();
        assertThat(c.topology().links()).isEmpty();
    }

    @Test
    void a_fleet_of_ten_thousand_instances_written_out_in_full_loads() throws Exception {
        // ~6.6 MB, as the simulator writes its inventory: over SnakeYAML's default limit of 3 M code points
        StringBuilder y = new StringBuilder("instances:\n");
        for (int i = 0; i < 10_002; i++) {
            y.append("  - name: \"M").append(String.format("%05d", i)).append("\"\n    host: \"127.0.0.1\"\n")
                    .append("    port: ").append(20_000 + i).append('\n')
                    .append("    auth: {type: sql, user: \"mirrorguard_audit\", password: \"${file:secrets/audit.password}\"}\n")
                    .append("    tls: {encrypt: true, trustServerCertificate: false, hostNameInCertificate: \"localhost\"}\n")
                    .append("    loginTimeoutSeconds: 10\n    queryTimeoutSeconds: 30\n")
                    .append("    aliases: [\"M").append(String.format("%05d", i)).append(".*\"]\n")
                    .append("    tags: {env: simulator, rack: \"rack-").append(i % 40).append("\", note: \"")
                    .append("x".repeat(300)).append("\"}\n");
        }
        assertThat(y.length()).isGreaterThan(3 * 1024 * 1024);
        AgentConfig c = load(y.toString());
        assertThat(c.instances()).hasSize(10_002);
        assertThat(c.instances().get(10_001).port()).isEqualTo(30_001);
    }

    @Test
    void port_defaults_to_1433_without_port_or_instance_name() throws Exception {
        AgentConfig c = load(MINIMAL.replace("    port: 14331\n", ""));
        assertThat(c.instances().get(0).port()).isEqualTo(1433);
    }

    @Test
    void unknown_key_is_reported_with_its_path_and_a_suggestion() {
        ConfigException e = fails(MINIMAL + """
                  - name: SQLB
                    host: h
                    auth: {type: sql, user: u, password: "${env:MG_SA}"}
                    tls: {encrpt: true}
                """);
        assertThat(e.problems()).containsExactly("instances[1].tls.encrpt: unknown key (did you mean encrypt?)");
        assertThat(e.getMessage()).contains("mirrorguard.yaml").contains("instances[1].tls.encrpt: unknown key");
    }

    @Test
    void unknown_top_level_key_is_reported() {
        ConfigException e = fails(MINIMAL + "schedul: {}\n");
        assertThat(e.problems()).containsExactly("schedul: unknown key (did you mean schedule?)");
    }

    @Test
    void wrong_types_are_reported_with_path_and_found_type() {
        ConfigException e = fails("""
                instances:
                  - name: SQLA
                    host: 127.0.0.1
                    port: "14331"
                    auth: {type: sql, user: u, password: "${env:MG_SA}"}
                    tls: {trustServerCertificate: "no", encrypt: maybe}
                    aliases: SQLA.*
                schedule: {concurrency: 2.5}
                http: {port: 70000}
                """);
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "instances[0].port: expected an integer, got a string",
                "instances[0].tls.trustServerCertificate: expected true or false, got a string",
                "instances[0].tls.encrypt: expected one of true | false | strict, got a string",
                "instances[0].aliases: expected a list, got a string",
                "schedule.concurrency: expected an integer, got a number",
                "http.port: must be between 1 and 65535, got 70000");
    }

    @Test
    void missing_required_values_are_reported() {
        ConfigException e = fails("""
                instances:
                  - port: 1
                  - name: SQLB
                    host: h
                    auth: {type: sql}
                  - name: SQLC
                    host: h
                    auth: {user: x}
                """);
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "instances[0].name: required",
                "instances[0].host: required",
                "instances[0].auth: required",
                "instances[1].auth.user: required for type sql",
                "instances[1].auth.password: required",
                "instances[2].auth.type: required (sql | integrated | kerberos)");
    }

    @Test
    void missing_instances_and_empty_file_are_errors() {
        assertThat(fails("schedule: {}\n").problems()).containsExactly("instances: required (at least one instance)");
        assertThat(fails("").problems()).containsExactly("instances: required (the file is empty)");
        assertThat(fails("instances: []\n").problems()).containsExactly("instances: at least one instance is required");
    }

    @Test
    void duplicate_instance_names_are_reported_case_insensitively() {
        ConfigException e = fails(MINIMAL + """
                  - name: sqla
                    host: other
                    auth: {type: integrated}
                """);
        assertThat(e.problems()).containsExactly("instances[1].name: duplicate instance name sqla (also instances[0])");
    }

    @Test
    void bad_cron_is_reported() {
        ConfigException e = fails(MINIMAL + "schedule: {cron: \"every five minutes\"}\n");
        assertThat(e.problems()).singleElement().asString()
                .startsWith("schedule.cron: not a valid Quartz cron expression \"every five minutes\"");
    }

    @Test
    void unknown_rule_ids_are_reported_wherever_rules_are_named() {
        ConfigException e = fails(MINIMAL + """
                rules:
                  disabled: [endpoint-started, no-such-rule]
                  severity: {also-unknown: HIGH, endpoint-started: urgent}
                waivers:
                  - {rule: made-up, instance: SQLA, reason: r, expires: 2027-01-01}
                remediation: {rules: [fix-everything]}
                """);
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "rules.disabled[1]: unknown rule id no-such-rule",
                "rules.severity.also-unknown: unknown rule id also-unknown",
                "rules.severity.endpoint-started: expected one of CRITICAL | HIGH | MEDIUM | LOW | INFO, got urgent",
                "waivers[0].rule: unknown rule id made-up",
                "remediation.rules[0]: unknown rule id fix-everything");
    }

    @Test
    void references_to_unknown_instances_are_reported() {
        ConfigException e = fails(MINIMAL + """
                topology:
                  links: [{a: SQLA, b: SQLX, role: witness}, {a: SQLA, b: sqla, role: partner}, {a: SQLA, b: SQLA}]
                waivers:
                  - {rule: endpoint-started, instance: SQLQ, peer: SQLR, reason: r, expires: 2027-13-01}
                remediation: {enabled: true, instances: [SQLA, SQLZ]}
                """);
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "topology.links[0].b: unknown instance SQLX (not in instances)",
                "topology.links[1].b: a link needs two different instances",
                "topology.links[2].role: required (partner | witness | replica)",
                "topology.links[2].b: a link needs two different instances",
                "waivers[0].instance: unknown instance SQLQ (not in instances)",
                "waivers[0].peer: unknown instance SQLR (not in instances)",
                "waivers[0].expires: expected a date like 2027-01-31, got 2027-13-01",
                "remediation.instances[0]: instance SQLA has no remediationAuth",
                "remediation.instances[1]: unknown instance SQLZ (not in instances)");
    }

    @Test
    void missing_environment_variable_is_named_without_any_value() {
        ConfigException e = fails(MINIMAL.replace("${file:secrets/audit.password}", "${env:MG_MISSING}"));
        assertThat(e.problems()).containsExactly("instances[0].auth.password: environment variable MG_MISSING is not set");
    }

    @Test
    void unreadable_secret_file_is_named_by_path() {
        ConfigException e = fails(MINIMAL.replace("secrets/audit.password", "secrets/nope.password"));
        assertThat(e.problems()).containsExactly("instances[0].auth.password: cannot read secret file "
                + dir.resolve("secrets/nope.password") + " (NoSuchFileException)");
    }

    @Test
    void malformed_secret_reference_is_rejected() {
        ConfigException e = fails(MINIMAL.replace("${file:secrets/audit.password}", "pre${env:MG_SA}"));
        assertThat(e.problems()).singleElement().asString()
                .startsWith("instances[0].auth.password: unsupported secret reference");
    }

    @Test
    void secrets_never_appear_in_messages_or_to_string_or_json() throws Exception {
        // Every problem below sits next to a resolved secret; none of the values may leak.
        ConfigException e = fails(MINIMAL + """
                http: {tokens: ["${env:MG_TOKEN}"], port: -1}
                """);
        assertThat(e.getMessage()).doesNotContain(AUDIT_PASSWORD).doesNotContain(TOKEN);

        AgentConfig c = load(MINIMAL + "http: {tokens: [\"${env:MG_TOKEN}\"]}\n");
        String text = c.toString();
        assertThat(text).doesNotContain(AUDIT_PASSWORD).doesNotContain(TOKEN).contains(Secret.MASK);
        String json = new ObjectMapper().findAndRegisterModules().writeValueAsString(c);
        assertThat(json).doesNotContain(AUDIT_PASSWORD).doesNotContain(TOKEN).contains(Secret.MASK);
        Secret s = c.instances().get(0).auth().password();
        assertThat(s.toString()).isEqualTo("******");
        assertThat(s.source()).isEqualTo("file:" + dir.resolve("secrets/audit.password"));
    }

    @Test
    void secret_file_final_newline_is_not_part_of_the_secret() throws Exception {
        Files.writeString(dir.resolve("secrets/crlf.password"), "abc\r\n");
        AgentConfig c = load(MINIMAL.replace("audit.password", "crlf.password"));
        assertThat(c.instances().get(0).auth().password().reveal()).isEqualTo("abc");
    }

    @Test
    void missing_trust_store_file_is_reported() {
        ConfigException e = fails(MINIMAL + "    tls: {trustStore: nowhere.p12}\n");
        assertThat(e.problems()).containsExactly(
                "instances[0].tls.trustStore: file " + dir.resolve("nowhere.p12") + " does not exist or is not readable");
    }

    @Test
    void port_and_instance_name_together_are_rejected() {
        ConfigException e = fails(MINIMAL + "    instanceName: NAMED\n");
        assertThat(e.problems()).containsExactly("instances[0].instanceName: give either port or instanceName, not both");
    }

    @Test
    void integrated_auth_rejects_credentials() {
        ConfigException e = fails(MINIMAL.replace("{type: sql, user: mirrorguard_audit,", "{type: integrated, user: x,"));
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "instances[0].auth.user: not allowed for type integrated (the agent's own Windows identity is used)",
                "instances[0].auth.password: not allowed for type integrated");
    }

    @Test
    void policy_thresholds_must_be_ordered() {
        ConfigException e = fails(MINIMAL + "policy: {expiryWarningDays: 7, expiryHighDays: 7}\n");
        assertThat(e.problems()).containsExactly("policy.expiryHighDays: must be less than expiryWarningDays (7), got 7");
    }

    @Test
    void maintenance_window_errors_are_reported() {
        ConfigException e = fails(MINIMAL + """
                remediation:
                  maintenanceWindows:
                    - {days: [FUNDAY], start: "25:00", end: "04:00", zone: Mars/Olympus}
                    - {start: "01:00"}
                """);
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "remediation.maintenanceWindows[0].days[0]: expected a day such as MON or MONDAY, got FUNDAY",
                "remediation.maintenanceWindows[0].start: expected a time like 22:00, got 25:00",
                "remediation.maintenanceWindows[0].zone: unknown time zone Mars/Olympus",
                "remediation.maintenanceWindows[1].end: required");
    }

    @Test
    void invalid_yaml_and_duplicate_keys_report_the_location() {
        ConfigException e = fails("instances:\n  - name: [unclosed\n");
        assertThat(e.problems()).singleElement().asString().startsWith("line ").contains("not valid YAML");
        ConfigException dup = fails(MINIMAL + "schedule: {}\nschedule: {}\n");
        assertThat(dup.problems()).singleElement().asString().contains("Duplicate field 'schedule'");
    }

    @Test
    void all_problems_are_listed_at_once() {
        ConfigException e = fails("""
                instances:
                  - {name: A, host: h, auth: {type: sql, user: u, password: "${env:NOPE}"}, tls: {x: 1}}
                schedule: {cron: bad}
                """);
        assertThat(e.problems()).hasSize(3);
        assertThat(e.getMessage()).contains("(3 problems)");
    }

    @Test
    void default_loader_takes_rule_ids_from_the_built_in_engine() throws Exception {
        Path file = dir.resolve("engine.yaml");
        Files.writeString(file, MINIMAL + "rules: {disabled: [instance-audited, not-a-rule]}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(e.problems()).containsExactly("rules.disabled[1]: unknown rule id not-a-rule");
    }

    @Test
    void policy_converts_to_the_rules_engine_policy() throws Exception {
        AgentConfig c = load(MINIMAL + """
                policy: {expiryWarningDays: 60}
                rules: {disabled: [endpoint-started], severity: {instance-audited: LOW}}
                waivers:
                  - {rule: instance-audited, instance: SQLA, reason: decommissioning, expires: 2027-01-31}
                """);
        var policy = c.toPolicy();
        assertThat(policy.parameters().expiryWarningDays()).isEqualTo(60);
        assertThat(policy.parameters().expiryHighDays()).isEqualTo(7);
        assertThat(policy.disabledRules()).containsExactly(EndpointStarted.ID);
        assertThat(policy.severityOverrides()).containsEntry(InstanceAudited.ID, Severity.LOW);
        assertThat(policy.waivers()).singleElement().satisfies(w -> assertThat(w.reason()).isEqualTo("decommissioning"));
    }

    @Test
    void unreadable_config_file_is_reported() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.read(dir.resolve("absent.yaml")));
        assertThat(e.getMessage()).contains("absent.yaml").contains("cannot read the configuration file");
    }

    @Test
    void maintenance_window_past_midnight_contains_the_early_morning_of_the_next_day() {
        MaintenanceWindow w = new MaintenanceWindow(Set.of(DayOfWeek.SATURDAY), LocalTime.of(22, 0),
                LocalTime.of(4, 0), java.time.ZoneOffset.UTC);
        assertThat(w.contains(Instant.parse("2026-01-03T23:00:00Z"))).isTrue();  // Saturday
        assertThat(w.contains(Instant.parse("2026-01-04T03:59:00Z"))).isTrue();  // Sunday morning
        assertThat(w.contains(Instant.parse("2026-01-04T04:00:00Z"))).isFalse();
        assertThat(w.contains(Instant.parse("2026-01-03T03:00:00Z"))).isFalse(); // Saturday morning: Friday's window
        assertThat(w.contains(Instant.parse("2026-01-04T23:00:00Z"))).isFalse(); // Sunday night
    }
}
