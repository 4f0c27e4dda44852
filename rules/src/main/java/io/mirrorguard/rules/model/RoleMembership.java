package io.mirrorguard.rules.model;

/** A row of sys.server_role_members with both names resolved. */
public record RoleMembership(int rolePrincipalId, String roleName, int memberPrincipalId, String memberName) {}
