package io.mirrorguard.agent.config;

/** How the agent logs in: a SQL login, the process's Windows identity, or Kerberos through JAAS. */
public enum AuthType { SQL, INTEGRATED, KERBEROS }
