package io.mirrorguard.simulator.engine.model;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.LocalDateTime;

/** A certificate in one database: the real X.509 DER plus how SQL Server protects its private key. */
public final class Certificate {
    public final int id;
    public String name;
    public int ownerPrincipalId;
    public final byte[] der;
    public final PublicKey publicKey;
    /** The public key's encoding, kept because link evaluation compares keys on every re-evaluation. */
    public final byte[] publicKeyEncoded;
    /** null when the database holds only the public part. */
    public PrivateKey privateKey;
    /** MK, PW, SK or NA. */
    public String pvtKeyEncryptionType;
    /** Salted hash of the private key password when pvtKeyEncryptionType is PW. */
    public byte[] keyPasswordHash;
    public byte[] keyPasswordSalt;
    public final String subject;
    public final String issuer;
    public final String serialNumber;
    public final LocalDateTime startDate;
    public final LocalDateTime expiryDate;
    public final byte[] thumbprint;
    public LocalDateTime pvtKeyLastBackupDate;
    public boolean activeForBeginDialog = true;
    public final byte[] sid;

    public Certificate(int id, String name, int owner, byte[] der, PublicKey publicKey, String subject, String issuer,
                       String serialNumber, LocalDateTime start, LocalDateTime expiry, byte[] thumbprint, byte[] sid) {
        this.id = id;
        this.name = name;
        this.ownerPrincipalId = owner;
        this.der = der;
        this.publicKey = publicKey;
        this.publicKeyEncoded = publicKey.getEncoded();
        this.subject = subject;
        this.issuer = issuer;
        this.serialNumber = serialNumber;
        this.startDate = start;
        this.expiryDate = expiry;
        this.thumbprint = thumbprint;
        this.sid = sid;
        this.pvtKeyEncryptionType = "NA";
    }

    public String pvtKeyEncryptionTypeDesc() {
        return switch (pvtKeyEncryptionType) {
            case "MK" -> "ENCRYPTED_BY_MASTER_KEY";
            case "PW" -> "ENCRYPTED_BY_PASSWORD";
            case "SK" -> "ENCRYPTED_BY_SERVICE_MASTER_KEY";
            default -> "NO_PRIVATE_KEY";
        };
    }

    public boolean validAt(LocalDateTime t) {
        return !t.isBefore(startDate) && !t.isAfter(expiryDate);
    }

    public Certificate copy() {
        Certificate c = new Certificate(id, name, ownerPrincipalId, der, publicKey, subject, issuer, serialNumber,
            startDate, expiryDate, thumbprint, sid);
        c.privateKey = privateKey;
        c.pvtKeyEncryptionType = pvtKeyEncryptionType;
        c.keyPasswordHash = keyPasswordHash;
        c.keyPasswordSalt = keyPasswordSalt;
        c.pvtKeyLastBackupDate = pvtKeyLastBackupDate;
        c.activeForBeginDialog = activeForBeginDialog;
        return c;
    }
}
