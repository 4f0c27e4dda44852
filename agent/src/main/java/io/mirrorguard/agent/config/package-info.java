/**
 * The agent's YAML configuration bound to immutable records ({@link io.mirrorguard.agent.config.AgentConfig}) by
 * {@link io.mirrorguard.agent.config.ConfigLoader}, which reports every problem with its key path at once.
 * Passwords and tokens are {@link io.mirrorguard.agent.config.Secret}s. Reference: docs/configuration.md.
 */
package io.mirrorguard.agent.config;
