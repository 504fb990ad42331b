package dev.drydock.core.discovery;

/**
 * One discovered file: its path relative to the project root ('/'-separated, normalized), what it
 * is, its size in bytes (of the target, for a symlink) and whether it is a symlink (always one whose
 * target lies inside the root).
 */
public record ProjectEntry(String path, FileType type, long size, boolean symlink) {

    public FileKind kind() {
        return type.kind();
    }

    /** The file name, e.g. {@code app.Dockerfile}. */
    public String name() {
        return PathNames.fileName(path);
    }

    /** The folder holding the file, relative to the root; "" for the root. */
    public String directory() {
        return PathNames.parent(path);
    }

    @Override
    public String toString() {
        return path + " (" + type + (symlink ? ", symlink" : "") + ")";
    }
}
