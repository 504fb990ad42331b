package dev.drydock.core.fix;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectFiles;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.source.SourceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The files fixes edit, each read once from disk as it was before any fix: its exact text (strict
 * UTF-8, so that writing it back loses nothing) and its fingerprint, or why it cannot be edited.
 */
final class FileTexts {

    /** A file's text before any fix (null when it does not exist), or the reason it cannot be edited. */
    record Original(String text, FileFingerprint fingerprint, String problem) {}

    private final ProjectFiles files;
    private final Map<String, Original> originals = new HashMap<>();

    FileTexts(ProjectFiles files) {
        this.files = files;
    }

    Original original(String path) {
        return originals.computeIfAbsent(path, this::read);
    }

    /** The file's text with the fixes applied so far. */
    String current(String path, Map<String, String> overlay) {
        String text = overlay.get(path);
        if (text != null) {
            return text;
        }
        String original = original(path).text();
        return original == null ? "" : original;
    }

    /** Why the fix cannot be applied to the texts as they are now, or null when it can. */
    String problem(Fix fix, Map<String, String> overlay) {
        for (TextEdit edit : fix.edits()) {
            Original original = original(edit.file());
            if (original.problem() != null) {
                return original.problem();
            }
            String text = current(edit.file(), overlay);
            if (edit.end() > text.length()) {
                return edit.file() + ": the edit no longer fits the file";
            }
        }
        return null;
    }

    private Original read(String path) {
        String relative;
        try {
            relative = files.resolve(path);
        } catch (SourceException e) {
            return refused(path + ": " + e.detail());
        }
        Path root = files.root();
        Path target = root.resolve(relative);
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            String parent = PathNames.parent(relative);
            if (!parent.isEmpty() && !files.isDirectory(parent)) {
                return refused(relative + ": its folder does not exist in the project");
            }
            return new Original(null, FileFingerprint.ABSENT, null);
        }
        if (Files.isSymbolicLink(target)) {
            return refused(relative + ": is a symlink; drydock does not write through links");
        }
        try {
            Path real = files.locate(relative);
            if (!Files.isRegularFile(real)) {
                return refused(relative + ": not a regular file; drydock does not write it");
            }
            if (Files.size(real) > files.maxTextBytes()) {
                return refused(relative + ": too large to edit");
            }
            byte[] bytes = Files.readAllBytes(real);
            if (bytes.length > files.maxTextBytes()) {
                return refused(relative + ": too large to edit");
            }
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return new Original(text, FileFingerprint.of(bytes), null);
        } catch (CharacterCodingException e) {
            return refused(relative + ": not valid UTF-8; drydock does not rewrite it");
        } catch (SourceException e) {
            return refused(relative + ": " + e.detail());
        } catch (IOException e) {
            return refused(relative + ": cannot be read");
        }
    }

    private static Original refused(String problem) {
        return new Original(null, FileFingerprint.ABSENT, problem);
    }
}
