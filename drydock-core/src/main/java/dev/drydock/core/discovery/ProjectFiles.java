package dev.drydock.core.discovery;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.Position;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Safe access to files inside one project folder, by root-relative '/'-separated paths: the
 * discovered ones, and extra ones other readers find named in them (a compose file's
 * {@code build.dockerfile}, {@code env_file}). Every path is refused with a {@link SourceException}
 * when it is absolute, climbs out with '..', or reaches outside the root through a symlink; files
 * above the size bound are refused too. Text is read as UTF-8: malformed bytes are replaced by
 * U+FFFD with a warning (see {@link ReadResult#lossless()}), because Docker itself reads such files
 * (a Latin-1 comment in a Dockerfile builds fine), so refusing them would hide the rest of the file.
 */
public final class ProjectFiles {

    /** The default size bound for text inputs: 4 MiB. */
    public static final long DEFAULT_MAX_TEXT_BYTES = 4L * 1024 * 1024;

    private final Path root;
    private final long maxTextBytes;
    private final Map<String, String> overlay;
    private final Map<String, Optional<FileMode>> modes;

    private ProjectFiles(Path realRoot, long maxTextBytes, Map<String, String> overlay,
            Map<String, Optional<FileMode>> modes) {
        this.root = realRoot;
        this.maxTextBytes = maxTextBytes;
        this.overlay = overlay;
        this.modes = modes;
    }

    /**
     * The same folder seen with some files replaced (or added) by the texts given, by root-relative
     * path: how a fix is re-read and re-reviewed before anything is written.
     */
    public ProjectFiles withOverlay(Map<String, String> texts) {
        Map<String, String> merged = new HashMap<>(overlay);
        texts.forEach((path, text) -> merged.put(resolve(path), text));
        return new ProjectFiles(root, maxTextBytes, Map.copyOf(merged), modes);
    }

    /** The files whose text is replaced or added in memory, by root-relative path. */
    public Map<String, String> overlay() {
        return overlay;
    }

    /** Opens a project folder; a missing one is the user's error, reported as such. */
    public static ProjectFiles open(Path root) {
        return open(root, DEFAULT_MAX_TEXT_BYTES);
    }

    public static ProjectFiles open(Path root, long maxTextBytes) {
        if (maxTextBytes <= 0) {
            throw new IllegalArgumentException("maxTextBytes must be positive: " + maxTextBytes);
        }
        Path real;
        try {
            real = root.toRealPath();
        } catch (NoSuchFileException e) {
            throw SourceException.ofFile(root.toString(), "no such file or directory");
        } catch (IOException e) {
            throw SourceException.ofFile(root.toString(), reason(e));
        }
        if (!Files.isDirectory(real)) {
            throw SourceException.ofFile(root.toString(), "not a directory");
        }
        return new ProjectFiles(real, maxTextBytes, Map.of(), new ConcurrentHashMap<>());
    }

    /** The project folder with all symlinks resolved. */
    public Path root() {
        return root;
    }

    public long maxTextBytes() {
        return maxTextBytes;
    }

    /**
     * The normal form of a root-relative path ({@code ./docker/../Dockerfile} is {@code Dockerfile});
     * refuses absolute paths and paths that climb above the root.
     */
    public String resolve(String path) {
        String normal = PathNames.normalizeRelative(path);
        if (normal == null) {
            String detail = PathNames.isAbsolute(path) ? "absolute path: only paths inside the project folder can be read"
                    : path.indexOf('\0') >= 0 ? "path contains a NUL character"
                    : "path leaves the project folder";
            throw SourceException.ofFile(path, detail);
        }
        return normal;
    }

    /**
     * A path named inside a file of folder {@code baseDir} (root-relative, "" for the root), e.g.
     * {@code ../config/web.env} in {@code deploy/compose.yaml}, as a root-relative path.
     */
    public String resolve(String baseDir, String path) {
        if (PathNames.isAbsolute(path)) {
            return resolve(path); // refused with the same message
        }
        return resolve(PathNames.join(resolve(baseDir), path));
    }

    /** Whether the path exists inside the root (a symlink counts when its target does and is inside). */
    public boolean exists(String path) {
        String relative = resolve(path);
        return overlay.containsKey(relative) || target(relative) != null;
    }

    /** Whether the path is a folder inside the root. */
    public boolean isDirectory(String path) {
        Path target = target(resolve(path));
        return target != null && Files.isDirectory(target);
    }

    /**
     * The real location of an existing path inside the root, for callers that must hand a
     * {@link Path} to another library. Throws when it is missing or a symlink leads out.
     */
    public Path locate(String path) {
        String relative = resolve(path);
        Path candidate = root.resolve(relative);
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            String detail = Files.isSymbolicLink(candidate) ? "broken symlink" : "no such file or directory";
            throw SourceException.ofFile(display(relative), detail);
        } catch (IOException e) {
            throw SourceException.ofFile(display(relative), reason(e));
        }
        if (!real.startsWith(root)) {
            throw SourceException.ofFile(display(relative), "symlink points outside the project folder");
        }
        return real;
    }

    /** The path classified by name, when it exists as a regular file of a known kind. */
    public Optional<ProjectEntry> entry(String path) {
        String relative = resolve(path);
        FileType type = FileClassifier.classifyPath(relative);
        return type == null ? Optional.empty() : entry(relative, type);
    }

    /** The path as a file of the given type (whatever its name), when it exists as a regular file. */
    public Optional<ProjectEntry> entry(String path, FileType as) {
        String relative = resolve(path);
        String replaced = overlay.get(relative);
        if (replaced != null) {
            return Optional.of(new ProjectEntry(relative, as, replaced.getBytes(StandardCharsets.UTF_8).length, false));
        }
        Path target = target(relative);
        if (target == null) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(target, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            boolean symlink = Files.isSymbolicLink(root.resolve(relative));
            return Optional.of(new ProjectEntry(relative, as, attributes.size(), symlink));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The permission bits of a regular file (of a symlink's target) as checked out, read once per path; empty
     * when the file system keeps no POSIX permissions (Windows), the file is missing, not a regular file, or
     * exists only in memory. A fix that rewrites a file keeps its mode, so the one on disk still holds.
     */
    public Optional<FileMode> mode(String path) {
        String relative = resolve(path);
        return modes.computeIfAbsent(relative, this::readMode);
    }

    private Optional<FileMode> readMode(String relative) {
        Path target = target(relative);
        if (target == null || !Files.isRegularFile(target)) {
            return Optional.empty();
        }
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view == null) {
            return Optional.empty();
        }
        try {
            int bits = 0;
            for (PosixFilePermission permission : view.readAttributes().permissions()) {
                bits |= 1 << (8 - permission.ordinal());
            }
            return Optional.of(new FileMode(bits));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    public ReadResult read(ProjectEntry entry) {
        return read(entry.path());
    }

    /** Reads a file as UTF-8 text within the size bound. */
    public ReadResult read(String path) {
        String relative = resolve(path);
        String replaced = overlay.get(relative);
        if (replaced != null) {
            return new ReadResult(SourceFile.of(display(relative), replaced), replaced.length(), 0, List.of());
        }
        Path real = locate(relative);
        String shown = display(relative);
        if (Files.isDirectory(real)) {
            throw SourceException.ofFile(shown, "is a directory");
        }
        if (!Files.isRegularFile(real)) {
            // a FIFO or a device would block the read or never end
            throw SourceException.ofFile(shown, "not a regular file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(real)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxTextBytes + 1));
        } catch (IOException e) {
            throw SourceException.ofFile(shown, reason(e));
        }
        if (bytes.length > maxTextBytes) {
            long size = bytes.length;
            try {
                size = Files.size(real);
            } catch (IOException ignored) {
                // the bound was exceeded whatever the exact size
            }
            throw SourceException.ofFile(shown, tooLarge(size, maxTextBytes));
        }
        if (startsWithUtf16Bom(bytes)) {
            return utf16(relative, shown, bytes);
        }
        if (looksBinary(bytes)) {
            throw SourceException.ofFile(shown, "binary content (NUL bytes and invalid UTF-8 in its first "
                    + BINARY_PROBE_BYTES + " bytes); not read as text");
        }
        return decode(shown, bytes);
    }

    /** How much of a file {@link #looksBinary} looks at (as git does). */
    static final int BINARY_PROBE_BYTES = 8000;

    /**
     * Whether a file is binary rather than text with a stray byte: its start holds a NUL byte and is not
     * valid UTF-8. Read as text, an image or an archive under a tracked name would give one error per
     * line, tens of thousands of findings; a text file with one odd byte is still read.
     */
    static boolean looksBinary(byte[] bytes) {
        int probe = Math.min(bytes.length, BINARY_PROBE_BYTES);
        boolean nul = false;
        for (int i = 0; i < probe && !nul; i++) {
            nul = bytes[i] == 0;
        }
        if (!nul) {
            return false;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // not the end of the input: a sequence cut by the probe's end is no error
        return decoder.decode(ByteBuffer.wrap(bytes, 0, probe), CharBuffer.allocate(probe), probe == bytes.length)
                .isError();
    }

    private static boolean startsWithUtf16Bom(byte[] bytes) {
        return bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF));
    }

    /**
     * A file that opens with a UTF-16 byte order mark (what Windows PowerShell 5 writes with {@code >}).
     * pip decodes a requirements file by its byte order mark, so those are read as pip reads them; any
     * other file is refused with one clear error rather than read as UTF-8 into a line of NUL-separated
     * letters per line (Docker reads a Dockerfile as UTF-8 and fails on it too).
     */
    private static ReadResult utf16(String relative, String shown, byte[] bytes) {
        FileType type = FileClassifier.classifyPath(relative);
        if (type == FileType.REQUIREMENTS_TXT || type == FileType.REQUIREMENTS_IN) {
            String text = new String(bytes, StandardCharsets.UTF_16); // the mark says which order, and is dropped
            return new ReadResult(SourceFile.of(shown, text), bytes.length, 0, List.of());
        }
        throw SourceException.ofFile(shown, "UTF-16 text (it opens with a UTF-16 byte order mark); save it as UTF-8");
    }

    /** Decodes UTF-8, replacing each malformed sequence by U+FFFD and warning about the first one. */
    static ReadResult decode(String path, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        int malformed = 0;
        int firstBadChar = -1;
        int firstBadByte = -1;
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                break;
            }
            if (result.isError()) {
                if (firstBadChar < 0) {
                    firstBadChar = out.position();
                    firstBadByte = in.position();
                }
                out.put('\uFFFD');
                in.position(in.position() + result.length());
                malformed++;
            } else {
                throw new IllegalStateException("UTF-8 decoding overflowed its buffer");
            }
        }
        decoder.flush(out);
        out.flip();
        SourceFile file = SourceFile.of(path, out.toString());
        if (malformed == 0) {
            return new ReadResult(file, bytes.length, 0, List.of());
        }
        Position at = file.position(firstBadChar);
        String message = "not valid UTF-8: " + malformed + " malformed byte sequence" + (malformed == 1 ? "" : "s")
                + " (the first at byte " + firstBadByte + ") read as U+FFFD";
        Diagnostic warning = new Diagnostic(Diagnostic.Level.WARNING, path, at.line(), at.column(), message);
        return new ReadResult(file, bytes.length, malformed, List.of(warning));
    }

    /** The existing target of a resolved path inside the root, or null (missing, broken, escaping). */
    private Path target(String relative) {
        Path candidate = root.resolve(relative);
        // java.io.File answers a missing path without throwing (Files.exists throws and catches inside);
        // it follows links, so a broken symlink is missing here as it is to toRealPath below
        if (!candidate.toFile().exists()) {
            return null;
        }
        try {
            Path real = candidate.toRealPath();
            return real.startsWith(root) ? real : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String display(String relative) {
        return relative.isEmpty() ? "." : relative;
    }

    static String tooLarge(long size, long limit) {
        return "file is " + formatSize(size) + ", above the " + formatSize(limit) + " limit for text inputs";
    }

    /** A byte count as people read it: 512 bytes, 3.5 KiB, 4 MiB. */
    static String formatSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
        return number + " " + units[unit];
    }

    /** A short reason for an I/O failure, as a user reads it. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            String reason = fse.getReason();
            if (reason.startsWith("Too many levels of symbolic links")) {
                return "symlink loop"; // ELOOP, however the platform words the rest
            }
            return reason.isEmpty() ? "cannot be read" : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
