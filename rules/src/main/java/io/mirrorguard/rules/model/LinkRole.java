package io.mirrorguard.rules.model;

/** What a link is: two partners of a mirroring session, a witness and a partner, or two AG replicas. */
public enum LinkRole { PARTNER, WITNESS, REPLICA }
