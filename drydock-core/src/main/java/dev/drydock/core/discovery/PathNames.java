package dev.drydock.core.discovery;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure '/'-separated path arithmetic shared by discovery (paths relative to the project root) and
 * entry points (absolute paths inside a container). No file system access.
 */
public final class PathNames {

    private PathNames() {}

    /**
     * A root-relative path in normal form: no '.', '..' or empty segments, no leading or trailing
     * '/'; "" is the root itself. Returns null when the path is absolute or '..' climbs above the
     * root.
     */
    public static String normalizeRelative(String path) {
        if (isAbsolute(path) || path.indexOf('\0') >= 0) {
            return null;
        }
        if (isNormal(path)) {
            return path;
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return null;
                }
                segments.remove(segments.size() - 1);
            } else {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    /** Whether a relative path is already in normal form: no empty, '.' or '..' segment. */
    private static boolean isNormal(String path) {
        int start = 0;
        while (start < path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            int length = end - start;
            if (length == 0 || path.charAt(start) == '.' && (length == 1 || length == 2 && path.charAt(start + 1) == '.')) {
                return false;
            }
            if (slash < 0) {
                return true;
            }
            start = slash + 1;
        }
        return path.isEmpty(); // "" is the root; a path ending in '/' is not normal
    }

    /**
     * An absolute path in normal form ("/" or "/a/b", no trailing '/'): a relative {@code path} is
     * taken relative to {@code base} (itself absolute, "/" when null or empty); '..' stops at "/"
     * as in a real file system.
     */
    public static String normalizeAbsolute(String base, String path) {
        String full = path.startsWith("/") ? path : (base == null || base.isEmpty() ? "/" : base) + "/" + path;
        List<String> segments = new ArrayList<>();
        for (String segment : full.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
            } else {
                segments.add(segment);
            }
        }
        return "/" + String.join("/", segments);
    }

    /** Joins a normalized relative folder ("" for the root) and a child path. */
    public static String join(String dir, String child) {
        if (dir.isEmpty()) {
            return child;
        }
        if (child.isEmpty()) {
            return dir;
        }
        return dir.endsWith("/") ? dir + child : dir + "/" + child;
    }

    /** The folder part of a path: "" for a root-relative name without '/', "/" for "/x". */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return "";
        }
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    /** The last segment of a path. */
    public static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * Whether {@code path} is {@code dir} or below it; both normalized, both relative or both
     * absolute. The relative root "" and the absolute root "/" contain everything.
     */
    public static boolean isUnder(String path, String dir) {
        if (dir.isEmpty() || dir.equals("/")) {
            return true;
        }
        return path.equals(dir) || path.startsWith(dir) && path.charAt(dir.length()) == '/';
    }

    /** Whether {@code path} is one of {@code dirs} or below one ({@link #isUnder}). */
    public static boolean isUnderAny(String path, java.util.Collection<String> dirs) {
        return dirs.stream().anyMatch(dir -> isUnder(path, dir));
    }

    /** Whether a path is absolute: rooted at "/", or a Windows drive or UNC path. */
    public static boolean isAbsolute(String path) {
        return path.startsWith("/") || path.startsWith("\\")
                || path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0));
    }
}
