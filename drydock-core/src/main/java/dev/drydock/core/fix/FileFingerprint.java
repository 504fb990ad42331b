package dev.drydock.core.fix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** What a file's bytes were when read (a SHA-256), or that it did not exist. */
public record FileFingerprint(byte[] sha256) {

    public static final FileFingerprint ABSENT = new FileFingerprint(null);

    public static FileFingerprint of(byte[] bytes) {
        try {
            return new FileFingerprint(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The fingerprint of a file as it is now. */
    public static FileFingerprint read(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return ABSENT;
        }
        return of(Files.readAllBytes(file));
    }

    public boolean absent() {
        return sha256 == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileFingerprint f && Arrays.equals(sha256, f.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return absent() ? "absent" : java.util.HexFormat.of().formatHex(sha256);
    }
}
