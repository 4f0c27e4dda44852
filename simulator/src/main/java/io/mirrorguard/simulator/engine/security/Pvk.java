package io.mirrorguard.simulator.engine.security;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Microsoft PVK private key files, the format BACKUP CERTIFICATE ... WITH PRIVATE KEY writes: a header, a salt and a
 * PRIVATEKEYBLOB whose key material is RC4-encrypted with a key derived from SHA-1(salt || password).
 */
public final class Pvk {

    private static final int MAGIC = 0xB0B5F11E;
    private static final int KEYTYPE_KEYX = 1;

    private Pvk() {}

    public static byte[] write(RSAPrivateCrtKey key, String password) {
        int bytes = (key.getModulus().bitLength() + 7) / 8;
        int half = (bytes + 1) / 2;
        ByteBuffer blob = ByteBuffer.allocate(8 + 12 + bytes + 5 * half + bytes).order(ByteOrder.LITTLE_ENDIAN);
        blob.put((byte) 7).put((byte) 2).putShort((short) 0).putInt(0xA400);
        blob.put("RSA2".getBytes(StandardCharsets.US_ASCII)).putInt(key.getModulus().bitLength())
            .putInt(key.getPublicExponent().intValue());
        putLe(blob, key.getModulus(), bytes);
        putLe(blob, key.getPrimeP(), half);
        putLe(blob, key.getPrimeQ(), half);
        putLe(blob, key.getPrimeExponentP(), half);
        putLe(blob, key.getPrimeExponentQ(), half);
        putLe(blob, key.getCrtCoefficient(), half);
        putLe(blob, key.getPrivateExponent(), bytes);
        byte[] plain = blob.array();
        byte[] salt = Passwords.randomBytes(16);
        byte[] encrypted = plain.clone();
        byte[] body = rc4(derive(salt, password), Arrays.copyOfRange(plain, 8, plain.length));
        System.arraycopy(body, 0, encrypted, 8, body.length);
        ByteBuffer out = ByteBuffer.allocate(24 + salt.length + encrypted.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putInt(0).putInt(KEYTYPE_KEYX).putInt(1).putInt(salt.length).putInt(encrypted.length);
        out.put(salt).put(encrypted);
        return out.array();
    }

    /** Reads a PVK file; throws InvalidPassword when the password does not decrypt it, IllegalArgumentException for a bad file. */
    public static RSAPrivateCrtKey read(byte[] file, String password) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 24 || in.getInt() != MAGIC) throw new IllegalArgumentException("not a PVK file");
        in.getInt();
        in.getInt();
        boolean enc = in.getInt() != 0;
        int saltLen = in.getInt();
        int keyLen = in.getInt();
        if (saltLen < 0 || keyLen < 20 || 24 + saltLen + keyLen > file.length) throw new IllegalArgumentException("truncated PVK file");
        byte[] salt = Arrays.copyOfRange(file, 24, 24 + saltLen);
        byte[] blob = Arrays.copyOfRange(file, 24 + saltLen, 24 + saltLen + keyLen);
        if (enc) {
            if (password == null) throw new InvalidPassword();
            byte[] body = rc4(derive(salt, password), Arrays.copyOfRange(blob, 8, blob.length));
            System.arraycopy(body, 0, blob, 8, body.length);
        }
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        b.position(8);
        byte[] magic = new byte[4];
        b.get(magic);
        if (!"RSA2".equals(new String(magic, StandardCharsets.US_ASCII))) throw new InvalidPassword();
        int bits = b.getInt();
        BigInteger e = BigInteger.valueOf(b.getInt() & 0xFFFFFFFFL);
        int bytes = (bits + 7) / 8;
        int half = (bytes + 1) / 2;
        BigInteger n = getLe(b, bytes);
        BigInteger p = getLe(b, half);
        BigInteger q = getLe(b, half);
        BigInteger dp = getLe(b, half);
        BigInteger dq = getLe(b, half);
        BigInteger qi = getLe(b, half);
        BigInteger d = getLe(b, bytes);
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q, dp, dq, qi));
        } catch (GeneralSecurityException ex) {
            throw new IllegalArgumentException("invalid key", ex);
        }
    }

    /** The password did not decrypt the key. */
    public static final class InvalidPassword extends RuntimeException {
        public InvalidPassword() {
            super("invalid private key password");
        }
    }

    private static byte[] derive(byte[] salt, String password) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(salt);
            md.update(password.getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(md.digest(), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] rc4(byte[] key, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("ARCFOUR");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RC4 unavailable", e);
        }
    }

    private static void putLe(ByteBuffer b, BigInteger v, int len) {
        byte[] be = v.toByteArray();
        byte[] le = new byte[len];
        for (int i = 0; i < len && i < be.length; i++) le[i] = be[be.length - 1 - i];
        b.put(le);
    }

    private static BigInteger getLe(ByteBuffer b, int len) {
        byte[] le = new byte[len];
        b.get(le);
        byte[] be = new byte[len + 1];
        for (int i = 0; i < len; i++) be[len - i] = le[i];
        return new BigInteger(be);
    }
}
