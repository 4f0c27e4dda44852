package io.mirrorguard.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** storage.url / user / password: PostgreSQL for a cluster of agents, validated with the key in every message. */
class StorageConfigTest {

    private static final String INSTANCES = """
            instances:
              - name: SQLA
                host: 127.0.0.1
                auth: {type: sql, user: audit, password: "${env:MG_AUDIT}"}
            """;

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>(Map.of("MG_AUDIT", "a", "MG_PG_PASSWORD", "pg-secret-9"));

    private AgentConfig load(String storage) throws Exception {
        Path file = dir.resolve("mirrorguard.yaml");
        Files.writeString(file, INSTANCES + storage);
        return new ConfigLoader(env::get, Set.of()).read(file);
    }

    private ConfigException fails(String storage) {
        return assertThrows(ConfigException.class, () -> load(storage));
    }

    @Test
    void without_url_the_store_stays_embedded() throws Exception {
        StorageConfig s = load("").storage();
        assertThat(s.clustered()).isFalse();
        assertThat(s.url()).isNull();
        assertThat(s.path()).isEqualTo(dir.resolve("mirrorguard-data"));
    }

    @Test
    void url_user_and_password_bind_with_secrets_from_the_environment() throws Exception {
        StorageConfig s = load("""
                storage:
                  url: jdbc:postgresql://db.example.com:5432/mirrorguard?sslmode=require
                  user: mirrorguard
                  password: ${env:MG_PG_PASSWORD}
                """).storage();
        assertThat(s.clustered()).isTrue();
        assertThat(s.url()).isEqualTo("jdbc:postgresql://db.example.com:5432/mirrorguard?sslmode=require");
        assertThat(s.user().reveal()).isEqualTo("mirrorguard");
        assertThat(s.password().reveal()).isEqualTo("pg-secret-9");
        assertThat(s.password().source()).isEqualTo("env:MG_PG_PASSWORD");
        assertThat(s.toString()).doesNotContain("pg-secret-9");
    }

    @Test
    void a_url_that_is_not_postgresql_names_the_key() {
        assertThat(fails("storage: {url: 'jdbc:h2:/tmp/x'}\n").problems())
                .containsExactly("storage.url: expected jdbc:postgresql://HOST[:PORT]/DATABASE[?PARAMS]");
        assertThat(fails("storage: {url: 'jdbc:postgresql://db:5432/'}\n").problems())
                .containsExactly("storage.url: expected jdbc:postgresql://HOST[:PORT]/DATABASE[?PARAMS]");
    }

    @Test
    void credentials_inside_the_url_are_refused_without_echoing_them() {
        ConfigException e = fails("storage: {url: 'jdbc:postgresql://db/m?user=u&password=hunter2'}\n");
        assertThat(e.problems()).containsExactly(
                "storage.url: must not carry user or password parameters; use storage.user and storage.password");
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void a_missing_password_variable_names_the_key_not_a_value() {
        assertThat(fails("storage: {url: 'jdbc:postgresql://db/m', password: '${env:MG_NOPE}'}\n").problems())
                .containsExactly("storage.password: environment variable MG_NOPE is not set");
    }

    @Test
    void credentials_without_url_are_an_error() {
        assertThat(fails("storage: {user: mirrorguard}\n").problems())
                .containsExactly("storage.user: only used with storage.url (PostgreSQL); set storage.url or remove "
                        + "this key");
    }

    @Test
    void unknown_storage_keys_are_errors() {
        assertThat(fails("storage: {uri: 'jdbc:postgresql://db/m'}\n").problems())
                .singleElement().asString().startsWith("storage.uri: unknown key");
    }
}
