package dev.drydock.core.fix;

/**
 * One file as the fixes leave it.
 *
 * @param path relative to the project root, '/'-separated
 * @param original its text when read, or null when the fixes create it
 * @param fixed its text after the fixes
 * @param fingerprint what the file's bytes were when read (see {@link FileFingerprint}), so that a
 *        file changed since is not overwritten
 */
public record FileChange(String path, String original, String fixed, FileFingerprint fingerprint) {

    public boolean created() {
        return original == null;
    }
}
