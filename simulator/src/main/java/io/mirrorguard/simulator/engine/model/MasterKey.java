package io.mirrorguard.simulator.engine.model;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A database master key: which passwords encrypt it and whether the service master key does. */
public final class MasterKey {
    public final LocalDateTime createDate;
    public LocalDateTime modifyDate;
    public final UUID guid;
    public boolean encryptedByServiceMasterKey = true;
    /** Salted hashes of the passwords that encrypt the key (one entry per ENCRYPTION BY PASSWORD). */
    public final List<byte[][]> passwords = new ArrayList<>();

    public MasterKey(LocalDateTime created, UUID guid) {
        this.createDate = created;
        this.modifyDate = created;
        this.guid = guid;
    }

    public MasterKey copy() {
        MasterKey k = new MasterKey(createDate, guid);
        k.modifyDate = modifyDate;
        k.encryptedByServiceMasterKey = encryptedByServiceMasterKey;
        k.passwords.addAll(passwords);
        return k;
    }
}
