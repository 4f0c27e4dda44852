package io.mirrorguard.agent.config;

import java.nio.file.Path;

/** Where audit results are kept and for how long. */
public record StorageConfig(Path path, int retentionDays) {}
