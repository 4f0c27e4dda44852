package io.mirrorguard.agent.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.cli.MirrorguardCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, read (no image is built in tests): a dependency layer with every module's pom before the sources,
 * a health check that follows the config instead of a hard-coded port, OCI labels.
 */
class DockerfileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static String dockerfile() throws Exception {
        return Files.readString(ROOT.resolve("Dockerfile"), StandardCharsets.UTF_8);
    }

    @Test
    void every_module_pom_is_copied_and_built_before_the_sources() throws Exception {
        String d = dockerfile();
        int sources = d.indexOf("COPY . .");
        assertThat(sources).isPositive();
        List<String> modules = new ArrayList<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>")
                .matcher(Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8));
        while (m.find()) {
            modules.add(m.group(1));
        }
        assertThat(modules).isNotEmpty();
        assertThat(d.indexOf("COPY pom.xml ")).isBetween(0, sources);
        for (String module : modules) {
            assertThat(d.indexOf("COPY " + module + "/pom.xml " + module + "/")).as(module).isBetween(0, sources);
        }
        int cacheBuild = d.indexOf("RUN mvn ");
        assertThat(cacheBuild).as("a Maven run on the poms alone").isBetween(0, sources);
    }

    @Test
    void the_health_check_follows_the_config_not_a_hard_coded_port() throws Exception {
        String d = dockerfile();
        String check = d.substring(d.indexOf("HEALTHCHECK"));
        check = check.substring(0, check.indexOf("\nENTRYPOINT"));
        assertThat(check).contains("healthcheck --config \"$MIRRORGUARD_CONFIG\"").doesNotContain("9440")
                .doesNotContain("curl");
        assertThat(MirrorguardCli.commandLine().getSubcommands()).containsKey("healthcheck");
        Matcher env = Pattern.compile("ENV MIRRORGUARD_CONFIG=(\\S+)").matcher(d);
        assertThat(env.find()).isTrue();
        assertThat(d).contains("CMD [\"run\", \"--config\", \"" + env.group(1) + "\"]");
    }

    @Test
    void oci_labels_describe_the_image() throws Exception {
        String d = dockerfile();
        for (String label : List.of("title", "description", "version", "revision", "created")) {
            assertThat(d).contains("org.opencontainers.image." + label + "=");
        }
    }
}
