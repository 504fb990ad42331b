package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.dockerfile.syntax.WordList;
import java.util.List;
import java.util.Locale;

/** What the source words of a COPY or ADD name: remote URLs, git repositories, tar archives. */
public final class CopySources {

    private static final List<String> TAR_ARCHIVES = List.of(".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2",
            ".tb2", ".tar.xz", ".txz", ".tar.lz", ".tlz", ".tar.lzma", ".tar.z", ".tz", ".tar.zst", ".tzst", ".gz",
            ".bz2", ".xz", ".zst", ".lz", ".lzma", ".z");

    private CopySources() {}

    /** The source words (all words but the destination), heredoc markers included. */
    public static List<Word> sources(Instruction instruction) {
        if (!(instruction.arguments() instanceof WordList list) || list.words().size() < 2) {
            return List.of();
        }
        return list.words().subList(0, list.words().size() - 1);
    }

    /** The destination word, or null. */
    public static Word destination(Instruction instruction) {
        if (!(instruction.arguments() instanceof WordList list) || list.words().size() < 2) {
            return null;
        }
        return list.words().get(list.words().size() - 1);
    }

    public static boolean isUrl(String source) {
        String lower = unquote(source).toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** A git repository ADD clones: {@code git@host:repo}, {@code git://...}, or a URL of a {@code .git} repository. */
    public static boolean isGit(String source) {
        String lower = unquote(source).toLowerCase(Locale.ROOT);
        String path = lower.contains("#") ? lower.substring(0, lower.indexOf('#')) : lower;
        return lower.startsWith("git@") || lower.startsWith("git://") || lower.startsWith("ssh://")
                || isUrl(lower) && path.endsWith(".git");
    }

    /** Whether the name looks like a (possibly compressed) tar archive, which ADD unpacks when it is local. */
    public static boolean isTarArchive(String source) {
        String lower = unquote(source).toLowerCase(Locale.ROOT);
        return TAR_ARCHIVES.stream().anyMatch(lower::endsWith);
    }

    /** The last path element. */
    public static String basename(String path) {
        String p = unquote(path);
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }

    public static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
