package io.mirrorguard.simulator.engine;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a file named in T-SQL (BACKUP CERTIFICATE ... TO FILE, CREATE CERTIFICATE ... FROM FILE, BACKUP/RESTORE ...
 * DISK) lives in the fleet's one shared file area. The area stands for the copy a DBA makes between hosts: a file one
 * instance writes to {@code C:\HOST_A_cert.cer} is what every other instance reads from the same path.
 *
 * <p>Windows paths are case-insensitive, so a path with a drive letter, a backslash or a UNC prefix is folded to
 * lower case; the drive letter becomes the first folder ({@code C:\Certs\a.cer} is {@code c/certs/a.cer}) and a UNC
 * share goes under {@code unc/} ({@code \\srv\share\a.cer} is {@code unc/srv/share/a.cer}). Other paths (Linux style)
 * keep their case, relative to the area root. Nothing may leave the area ({@code ..} is refused).
 */
final class FileArea {

    private FileArea() {}

    /** The file in {@code area} for a T-SQL path, or null when the path would leave the area or is empty. */
    static Path resolve(Path area, String path) {
        String p = path.trim();
        if (p.isEmpty()) return null;
        boolean windows = p.indexOf('\\') >= 0 || hasDrive(p);
        String rel;
        if (p.startsWith("\\\\") || p.startsWith("//")) {
            rel = "unc/" + p.substring(2);
        } else if (hasDrive(p)) {
            rel = Character.toLowerCase(p.charAt(0)) + "/" + p.substring(2);
        } else {
            rel = p;
        }
        rel = rel.replace('\\', '/');
        if (windows) rel = rel.toLowerCase(Locale.ROOT);
        while (rel.startsWith("/")) rel = rel.substring(1);
        if (rel.isEmpty()) return null;
        Path root = area.toAbsolutePath().normalize();
        Path r = root.resolve(rel).normalize();
        return r.startsWith(root) && !r.equals(root) ? r : null;
    }

    private static boolean hasDrive(String p) {
        return p.length() >= 2 && p.charAt(1) == ':' && Character.isLetter(p.charAt(0));
    }
}
