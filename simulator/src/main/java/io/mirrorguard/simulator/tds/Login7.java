package io.mirrorguard.simulator.tds;

/**
 * The LOGIN7 fields the simulator uses (MS-TDS 2.2.6.4). {@link #toString()} never shows the password.
 *
 * @param tdsVersion the client's TDS version as the little-endian DWORD (0x74000004 for 7.4)
 * @param packetSize requested packet size; 0 means "the server's default"
 */
record Login7(int tdsVersion, int packetSize, String hostName, String userName, String password, String appName,
              String serverName, String clientInterface, String language, String database, boolean integratedSecurity) {

    static final int FIXED_LENGTH = 94;

    static Login7 parse(byte[] p) throws TdsProtocolException {
        PayloadReader r = new PayloadReader(p);
        int length = r.i32("LOGIN7 length");
        if (p.length < FIXED_LENGTH || length < FIXED_LENGTH) {
            throw new TdsProtocolException("LOGIN7 of " + p.length + " bytes is shorter than its fixed part");
        }
        int tdsVersion = r.i32("LOGIN7 TDS version");
        int packetSize = r.i32("LOGIN7 packet size");
        r.skip(12, "LOGIN7 client version, pid, connection id");
        r.u8("OptionFlags1");
        int flags2 = r.u8("OptionFlags2");
        r.skip(10, "LOGIN7 type flags, option flags 3, time zone, LCID");
        String host = string(p, r, "HostName");
        String user = string(p, r, "UserName");
        String password = decodePassword(p, r);
        String app = string(p, r, "AppName");
        String server = string(p, r, "ServerName");
        r.skip(4, "Extension");
        String cltInt = string(p, r, "CltIntName");
        String language = string(p, r, "Language");
        String database = string(p, r, "Database");
        return new Login7(tdsVersion, packetSize, host, user, password, app, server, cltInt, language, database,
                (flags2 & 0x80) != 0);
    }

    private static String string(byte[] p, PayloadReader r, String field) throws TdsProtocolException {
        int off = r.u16(field + " offset");
        int chars = r.u16(field + " length");
        if (chars == 0) {
            return "";
        }
        if (off + 2 * chars > p.length) {
            throw new TdsProtocolException("LOGIN7 " + field + " points outside the message (" + off + "+"
                    + 2 * chars + " > " + p.length + ")");
        }
        return new PayloadReader(p, off, p.length).ucs2(chars, field);
    }

    /** Undoes the LOGIN7 password scrambling: swap each byte's nibbles, then XOR with 0x5A. */
    private static String decodePassword(byte[] p, PayloadReader r) throws TdsProtocolException {
        int off = r.u16("Password offset");
        int chars = r.u16("Password length");
        if (off + 2 * chars > p.length) {
            throw new TdsProtocolException("LOGIN7 Password points outside the message");
        }
        byte[] plain = new byte[2 * chars];
        for (int i = 0; i < plain.length; i++) {
            int b = p[off + i] & 0xFF;
            int swapped = ((b & 0x0F) << 4) | (b >>> 4);
            plain[i] = (byte) (swapped ^ 0x5A);
        }
        return new String(plain, java.nio.charset.StandardCharsets.UTF_16LE);
    }

    @Override
    public String toString() {
        return "Login7[user=" + userName + ", database=" + database + ", app=" + appName + ", packetSize="
                + packetSize + ", tdsVersion=" + Integer.toHexString(tdsVersion) + "]";
    }
}
