package io.mirrorguard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InventoryWriterTest {

    @TempDir
    Path dir;

    private static final String AUDIT_PW = "Audit'Pw\"#: x";
    private static final String SA_PW = "Sa!Pw-unique-123";

    private JsonNode writeAndRead(Map<String, Integer> ports, Path trustStore) throws IOException {
        Path config = dir.resolve("conf/mirrorguard.yml");
        Files.createDirectories(config.getParent());
        InventoryWriter.write(config, new InventoryWriter.Fleet(ports, trustStore, AUDIT_PW, SA_PW, "changeit"));
        return new ObjectMapper(new YAMLFactory()).readTree(config.toFile());
    }

    @Test
    void writesTheAgentConfigWithSecretsByReference() throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("SQLA", 14331);
        ports.put("SQLB", 14332);
        JsonNode root = writeAndRead(ports, dir.resolve("conf/" + SimulatorDefaults.TRUST_STORE_FILE));

        JsonNode instances = root.get("instances");
        assertThat(instances).hasSize(2);
        JsonNode a = instances.get(0);
        assertThat(a.get("name").asText()).isEqualTo("SQLA");
        assertThat(a.get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(a.get("port").asInt()).isEqualTo(14331);
        assertThat(a.at("/auth/type").asText()).isEqualTo("sql");
        assertThat(a.at("/auth/user").asText()).isEqualTo("mirrorguard_audit");
        assertThat(a.at("/auth/password").asText()).isEqualTo("${file:secrets/audit.password}");
        assertThat(a.at("/remediationAuth/user").asText()).isEqualTo("sa");
        assertThat(a.at("/remediationAuth/password").asText()).isEqualTo("${file:secrets/sa.password}");
        assertThat(a.at("/tls/encrypt").asBoolean()).isTrue();
        assertThat(a.at("/tls/trustServerCertificate").isBoolean()).isTrue();
        assertThat(a.at("/tls/trustServerCertificate").asBoolean()).isFalse();
        assertThat(a.at("/tls/hostNameInCertificate").asText()).isEqualTo("localhost");
        assertThat(a.at("/tls/trustStore").asText()).isEqualTo("mirrorguard-simulator-truststore.p12");
        assertThat(a.at("/tls/trustStorePassword").asText()).isEqualTo("${file:secrets/truststore.password}");
        assertThat(a.at("/tls/trustStoreType").asText()).isEqualTo("PKCS12");
        assertThat(a.get("aliases").get(0).asText()).isEqualTo("SQLA.*");
        assertThat(instances.get(1).get("port").asInt()).isEqualTo(14332);

        assertThat(root.at("/schedule/cron").asText()).isEqualTo("0 */5 * * * ?");
        assertThat(root.at("/http/bind").asText()).isEqualTo("127.0.0.1");
        assertThat(root.at("/http/port").asInt()).isEqualTo(9440);
        assertThat(root.at("/storage/retentionDays").asInt()).isEqualTo(30);
        assertThat(root.at("/policy/allowWindowsFallback").asBoolean()).isFalse();
        assertThat(root.at("/remediation/enabled").asBoolean()).isFalse();

        Path conf = dir.resolve("conf");
        assertThat(Files.readString(conf.resolve("secrets/audit.password"))).isEqualTo(AUDIT_PW);
        assertThat(Files.readString(conf.resolve("secrets/sa.password"))).isEqualTo(SA_PW);
        assertThat(Files.readString(conf.resolve("secrets/truststore.password"))).isEqualTo("changeit");
    }

    @Test
    void theApiTokenIsAGeneratedSecretFileNotAnEnvironmentVariable() throws IOException {
        JsonNode root = writeAndRead(Map.of("SQLA", 1433), dir.resolve("conf/x.p12"));
        assertThat(root.at("/http/tokens/0").asText()).isEqualTo("${file:secrets/api.token}");
        String token = Files.readString(dir.resolve("conf/secrets/api.token"));
        assertThat(token).matches("[0-9a-f]{64}");
        assertThat(Files.readString(dir.resolve("conf/mirrorguard.yml"))).doesNotContain(token).doesNotContain("${env:");
    }

    @Test
    void theConfigHoldsNoClearTextPassword() throws IOException {
        writeAndRead(Map.of("SQLA", 1433), dir.resolve("conf/x.p12"));
        String text = Files.readString(dir.resolve("conf/mirrorguard.yml"));
        assertThat(text).doesNotContain(SA_PW).doesNotContain("Audit'Pw").doesNotContain("changeit")
                .doesNotContain(SimulatorDefaults.SA_PASSWORD).doesNotContain(SimulatorDefaults.AUDIT_PASSWORD);
    }

    @Test
    void secretFilesAreOwnerOnly() throws IOException {
        writeAndRead(Map.of("SQLA", 1433), dir.resolve("conf/x.p12"));
        Path secrets = dir.resolve("conf/secrets");
        if (!secrets.getFileSystem().supportedFileAttributeViews().contains("posix")) return;
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rwx------");
        for (String f : new String[] {"audit.password", "sa.password", "truststore.password", "api.token"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve(f))))
                    .as(f).isEqualTo("rw-------");
        }
    }

    @Test
    void aTrustStoreElsewhereIsReferencedAbsolutelyAndOddNamesSurviveQuoting() throws IOException {
        Path elsewhere = dir.resolve("other/ts.p12");
        String odd = "SQL\"A\\: #x ü";
        JsonNode root = writeAndRead(Map.of(odd, 1), elsewhere);
        assertThat(root.at("/instances/0/name").asText()).isEqualTo(odd);
        assertThat(root.at("/instances/0/aliases/0").asText()).isEqualTo(odd + ".*");
        assertThat(root.at("/instances/0/tls/trustStore").asText()).isEqualTo(elsewhere.toString());
    }
}
