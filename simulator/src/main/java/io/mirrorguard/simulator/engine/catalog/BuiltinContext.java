package io.mirrorguard.simulator.engine.catalog;

/** What the built-in functions need from the session that runs the query. */
public interface BuiltinContext {
    byte[] certEncoded(int certId);
    Integer certId(String name);
    String suserSname(byte[] sid);
    byte[] suserSid(String login);
    Integer suserId(String login);
    String suserName(int id);
    String userName(int id);
    Integer userId(String name);
    String dbName(int id);
    Integer dbId(String name);
    Integer hasPermsByName(String securable, String securableClass, String permission);
    Integer isSrvRoleMember(String role, String login);
    Integer isMember(String role);
    Integer colLength(String table, String column);
    Integer objectId(String name, String type);
    String schemaName(int id);
    Integer schemaId(String name);
    String serverProperty(String property);
}
