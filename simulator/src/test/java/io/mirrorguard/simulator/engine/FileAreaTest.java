package io.mirrorguard.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How T-SQL file paths map into the fleet's shared file area. */
class FileAreaTest {

    private final Path area = Path.of("/tmp/area").toAbsolutePath();

    @Test
    void windowsPathsAreCaseInsensitiveAndKeepTheirDrive() {
        assertThat(FileArea.resolve(area, "C:\\HOST_A_cert.cer")).isEqualTo(area.resolve("c/host_a_cert.cer"));
        assertThat(FileArea.resolve(area, "c:\\host_a_CERT.cer")).isEqualTo(FileArea.resolve(area, "C:\\HOST_A_cert.cer"));
        assertThat(FileArea.resolve(area, "D:\\HOST_A_cert.cer")).isNotEqualTo(FileArea.resolve(area, "C:\\HOST_A_cert.cer"));
        assertThat(FileArea.resolve(area, "C:/Certs/x.cer")).isEqualTo(area.resolve("c/certs/x.cer"));
        assertThat(FileArea.resolve(area, "\\\\FileSrv\\Share\\x.cer")).isEqualTo(area.resolve("unc/filesrv/share/x.cer"));
    }

    @Test
    void otherPathsKeepTheirCase() {
        assertThat(FileArea.resolve(area, "/var/opt/mssql/Cert.cer")).isEqualTo(area.resolve("var/opt/mssql/Cert.cer"));
        assertThat(FileArea.resolve(area, "Cert.cer")).isEqualTo(area.resolve("Cert.cer"));
    }

    @Test
    void nothingLeavesTheArea() {
        assertThat(FileArea.resolve(area, "C:\\..\\..\\etc\\passwd")).isNull();
        assertThat(FileArea.resolve(area, "/../outside")).isNull();
        assertThat(FileArea.resolve(area, "")).isNull();
    }
}
