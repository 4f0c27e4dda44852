package io.mirrorguard.rules.model;

import java.time.Instant;

/**
 * The database master key of master (sys.symmetric_keys ##MS_DatabaseMasterKey##, id 101) and its protection
 * (sys.databases.is_master_key_encrypted_by_server for master).
 *
 * @param present                     a DMK row exists in master
 * @param encryptedByServiceMasterKey is_master_key_encrypted_by_server of master
 * @param algorithm                   algorithm_desc, e.g. AES_256; null when absent
 */
public record MasterKey(boolean present, boolean encryptedByServiceMasterKey, String algorithm, Integer keyLength,
                        Instant createDate, Instant modifyDate) {

    public static MasterKey absent(boolean encryptedByServiceMasterKey) {
        return new MasterKey(false, encryptedByServiceMasterKey, null, null, null, null);
    }
}
