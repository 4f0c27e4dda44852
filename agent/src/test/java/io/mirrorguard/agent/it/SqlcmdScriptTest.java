package io.mirrorguard.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlcmdScriptTest {

    @Test
    void splits_on_go_per_connected_instance_with_variables() {
        var batches = SqlcmdScript.parse("""
                :setvar Dir "C:\\certs\\"
                :setvar Pw secret
                :CONNECT SQLA
                USE master;
                GO
                BACKUP CERTIFICATE c TO FILE = '$(Dir)c.cer';
                go 2 -- twice
                :CONNECT SQLB
                CREATE LOGIN x WITH PASSWORD = '$(Pw)';
                """, "t.sql", name -> "", Map.of("Dir", "/var/opt/mssql/certs/"));
        assertThat(batches).hasSize(3);
        assertThat(batches.get(0).instance()).isEqualTo("SQLA");
        assertThat(batches.get(0).source()).isEqualTo("t.sql:4");
        assertThat(batches.get(1).sql()).contains("'/var/opt/mssql/certs/c.cer'");
        assertThat(batches.get(1).repeat()).isEqualTo(2);
        assertThat(batches.get(2).instance()).isEqualTo("SQLB");
        assertThat(batches.get(2).sql()).contains("'secret'");
    }

    @Test
    void go_inside_strings_and_comments_is_text_and_includes_are_read() {
        var batches = SqlcmdScript.parse("""
                :CONNECT SQLA
                SELECT 'a
                GO
                b';
                /* comment
                GO
                */
                :r inc.sql
                """, "t.sql", name -> "SELECT 1;\nGO\n", Map.of());
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).sql()).contains("GO\nb'").contains("SELECT 1;");
    }

    @Test
    void simulator_extensions_are_refused() {
        assertThrows(SqlcmdScript.SimulatorOnly.class,
                () -> SqlcmdScript.parse(":CONNECT A\nSELECT 1;\nGO\n:fault A slow 100\n", "t.sql", n -> "", Map.of()));
    }

    @Test
    void undefined_variable_names_file_and_line() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SqlcmdScript.parse(":CONNECT A\nSELECT '$(Nope)';\n", "t.sql", n -> "", Map.of()));
        assertThat(e.getMessage()).isEqualTo("t.sql:2: undefined variable Nope");
    }
}
