package io.mirrorguard.simulator.tds;

/** One client message: the packet type of its first packet, the status bits seen and the reassembled payload. */
record TdsMessage(int type, int status, byte[] payload) {
    static final int SQL_BATCH = 0x01;
    static final int RPC = 0x03;
    static final int REPLY = 0x04;
    static final int ATTENTION = 0x06;
    static final int LOGIN7 = 0x10;
    static final int PRELOGIN = 0x12;

    static final int STATUS_EOM = 0x01;
    static final int STATUS_IGNORE = 0x02;

    /** The client abandoned this request half-way (EOM|IGNORE); the server discards it. */
    boolean ignored() {
        return (status & STATUS_IGNORE) != 0;
    }
}
