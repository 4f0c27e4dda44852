package io.mirrorguard.agent.config;

/**
 * Credentials for one instance.
 *
 * @param user     required for {@link AuthType#SQL}; optional principal for {@link AuthType#KERBEROS}
 * @param password required for {@link AuthType#SQL}
 */
public record AuthConfig(AuthType type, String user, Secret password) {

    @Override
    public String toString() {
        return "AuthConfig[type=" + type + ", user=" + user + ", password=" + (password == null ? null : Secret.MASK) + "]";
    }
}
