package io.mirrorguard.simulator.engine.model;

import java.util.UUID;

/** The mirroring metadata one partner keeps for a database (what SET PARTNER / SET WITNESS stored). */
public final class MirroringConfig {
    public UUID guid;
    /** 1 principal, 2 mirror. */
    public int role;
    public String partnerAddress;
    /** The instance that the partner address resolved to, as @@SERVERNAME. */
    public String partnerInstance;
    public String witnessAddress;
    /** 1 OFF, 2 FULL. */
    public int safety = 2;
    public boolean suspended;
    public int roleSequence = 1;
    public int safetySequence = 1;
    public int timeout = 10;
    /** true once the principal completed SET PARTNER; a mirror that only recorded its partner is pending. */
    public boolean established;

    public MirroringConfig copy() {
        MirroringConfig m = new MirroringConfig();
        m.guid = guid;
        m.role = role;
        m.partnerAddress = partnerAddress;
        m.partnerInstance = partnerInstance;
        m.witnessAddress = witnessAddress;
        m.safety = safety;
        m.suspended = suspended;
        m.roleSequence = roleSequence;
        m.safetySequence = safetySequence;
        m.timeout = timeout;
        m.established = established;
        return m;
    }
}
