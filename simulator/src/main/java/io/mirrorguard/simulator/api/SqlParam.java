package io.mirrorguard.simulator.api;

/** A parameter bound by RPC (sp_executesql, sp_prepexec, sp_execute); name includes the leading {@code @}. */
public record SqlParam(String name, SqlType type, Object value) {}
