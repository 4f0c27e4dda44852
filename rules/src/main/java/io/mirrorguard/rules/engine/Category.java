package io.mirrorguard.rules.engine;

/** Which part of the certificate procedure a rule checks; the catalog's sections. */
public enum Category { COLLECTION, OUTBOUND, INBOUND, LINK, SECURITY }
