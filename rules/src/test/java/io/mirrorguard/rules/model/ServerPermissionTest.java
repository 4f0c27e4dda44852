package io.mirrorguard.rules.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one place that reads sys.server_permissions codes: char(4) padding, class and endpoint id all matter. */
class ServerPermissionTest {

    private static ServerPermission row(int classId, int majorId, String type, String state) {
        return new ServerPermission(classId, classId == 100 ? "SERVER" : "ENDPOINT", majorId, 270, "peer_login", 1,
                type, "whatever", state, state);
    }

    @Test
    void connect_on_an_endpoint_needs_the_endpoint_class_its_id_and_the_padded_code() {
        assertThat(row(105, 65536, "CO  ", "G").isConnectOn(65536)).isTrue();
        assertThat(row(105, 65537, "CO  ", "G").isConnectOn(65536)).as("another endpoint").isFalse();
        assertThat(row(100, 65536, "CO  ", "G").isConnectOn(65536)).as("server class").isFalse();
        assertThat(row(105, 65536, "COSQ", "G").isConnectOn(65536)).as("CONNECT SQL").isFalse();
        assertThat(row(105, 65536, null, "G").isConnectOn(65536)).as("NULL type").isFalse();
    }

    @Test
    void control_on_the_endpoint_and_control_server_are_told_apart() {
        assertThat(row(105, 65536, "CL  ", "G").isControlOn(65536)).isTrue();
        assertThat(row(105, 65536, "CL  ", "G").isControlServer()).isFalse();
        assertThat(row(100, 0, "CL  ", "G").isControlServer()).isTrue();
        assertThat(row(100, 0, "CL  ", "G").isControlOn(0)).isFalse();
    }

    @Test
    void grant_with_grant_option_is_a_grant_and_deny_is_not() {
        assertThat(row(105, 65536, "CO  ", "W").granted()).isTrue();
        assertThat(row(105, 65536, "CO  ", "D").granted()).isFalse();
        assertThat(row(105, 65536, "CO  ", "D").denied()).isTrue();
    }
}
