package io.mirrorguard.agent.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** --http-port checks shared by run and demo. */
final class HttpPorts {

    private HttpPorts() {}

    static void check(CommandSpec spec, Integer port) {
        if (port != null && (port < 1 || port > 65535)) {
            throw new ParameterException(spec.commandLine(), "--http-port: " + port + " is not a port (1-65535)");
        }
    }
}
