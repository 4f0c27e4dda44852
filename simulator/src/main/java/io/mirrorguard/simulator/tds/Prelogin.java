package io.mirrorguard.simulator.tds;

/** PRELOGIN request parsing and response building (MS-TDS 2.2.6.5). */
final class Prelogin {
    static final int OPT_VERSION = 0x00;
    static final int OPT_ENCRYPTION = 0x01;
    static final int OPT_INSTOPT = 0x02;
    static final int OPT_MARS = 0x04;
    static final int TERMINATOR = 0xFF;

    static final int ENCRYPT_OFF = 0x00;
    static final int ENCRYPT_ON = 0x01;
    static final int ENCRYPT_NOT_SUP = 0x02;
    static final int ENCRYPT_REQ = 0x03;

    private Prelogin() {}

    /** The client's ENCRYPTION byte (without the client-certificate flag); OFF when the option is absent. */
    static int clientEncryption(byte[] payload) throws TdsProtocolException {
        PayloadReader r = new PayloadReader(payload);
        int encryption = ENCRYPT_OFF;
        boolean seenVersion = false;
        for (int i = 0; ; i++) {
            if (i > 64) {
                throw new TdsProtocolException("PRELOGIN option table has no terminator");
            }
            int token = r.u8("PRELOGIN option token");
            if (token == TERMINATOR) {
                break;
            }
            int offset = (r.u8("PRELOGIN option offset") << 8) | r.u8("PRELOGIN option offset");
            int length = (r.u8("PRELOGIN option length") << 8) | r.u8("PRELOGIN option length");
            if (offset + length > payload.length) {
                throw new TdsProtocolException("PRELOGIN option " + token + " points outside the message ("
                        + offset + "+" + length + " > " + payload.length + ")");
            }
            if (token == OPT_VERSION) {
                seenVersion = true;
            } else if (token == OPT_ENCRYPTION) {
                if (length != 1) {
                    throw new TdsProtocolException("PRELOGIN ENCRYPTION option of length " + length);
                }
                encryption = payload[offset] & 0x7F;
            }
        }
        if (!seenVersion) {
            throw new TdsProtocolException("PRELOGIN without a VERSION option");
        }
        if (encryption > ENCRYPT_REQ) {
            throw new TdsProtocolException("PRELOGIN ENCRYPTION value " + encryption);
        }
        return encryption;
    }

    /** VERSION, ENCRYPTION, INSTOPT and MARS, as SQL Server answers. */
    static byte[] response(int[] version, int encryption) {
        int tableLen = 4 * 5 + 1;
        TokenBuffer b = new TokenBuffer(48);
        int data = tableLen;
        b.u8(OPT_VERSION).u16be(data).u16be(6);
        data += 6;
        b.u8(OPT_ENCRYPTION).u16be(data).u16be(1);
        data += 1;
        b.u8(OPT_INSTOPT).u16be(data).u16be(1);
        data += 1;
        b.u8(OPT_MARS).u16be(data).u16be(1);
        b.u8(TERMINATOR);
        int major = version.length > 0 ? version[0] : 16;
        int minor = version.length > 1 ? version[1] : 0;
        int build = version.length > 2 ? version[2] : 1000;
        b.u8(major).u8(minor).u16be(build).u16be(0);
        b.u8(encryption);
        b.u8(0);
        b.u8(0);
        return b.toByteArray();
    }
}
