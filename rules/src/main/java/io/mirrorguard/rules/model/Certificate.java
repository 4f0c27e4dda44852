package io.mirrorguard.rules.model;

import java.time.Instant;

/**
 * A certificate in master (master.sys.certificates), with what its DER (CERTENCODED) tells.
 *
 * @param principalId          owning database principal (master user)
 * @param pvtKeyEncryptionType NA, MK, PW or SK
 * @param sid                  hex (upper case, no 0x) of the certificate SID
 * @param thumbprint           SHA-1 of the certificate, hex upper case, no 0x
 * @param keyLength            sys.certificates.key_length where the column exists, else null
 * @param details              parsed from the DER; null when CERTENCODED could not be read or parsed
 */
public record Certificate(
        String name,
        int certificateId,
        Integer principalId,
        String pvtKeyEncryptionType,
        String pvtKeyEncryptionTypeDesc,
        boolean activeForBeginDialog,
        String issuerName,
        String serialNumber,
        String sid,
        String stringSid,
        String subject,
        Instant startDate,
        Instant expiryDate,
        String thumbprint,
        Instant pvtKeyLastBackupDate,
        Integer keyLength,
        CertificateDetails details) {

    public boolean hasPrivateKey() {
        return pvtKeyEncryptionType != null && !"NA".equals(pvtKeyEncryptionType.trim());
    }
}
