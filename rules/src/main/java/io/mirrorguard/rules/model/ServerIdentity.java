package io.mirrorguard.rules.model;

import java.time.Instant;

/**
 * Who answered: @@SERVERNAME, SERVERPROPERTY values and the instance's own UTC clock, read in the same batch as
 * everything else (expiry is judged against this clock, not the agent's).
 *
 * @param productVersion e.g. 16.0.4135.4
 * @param majorVersion   13 = 2016, 14 = 2017, 15 = 2019, 16 = 2022, 17 = 2025
 */
public record ServerIdentity(
        String serverName,
        String machineName,
        String productVersion,
        int majorVersion,
        String edition,
        Integer engineEdition,
        Instant utcNow) {}
