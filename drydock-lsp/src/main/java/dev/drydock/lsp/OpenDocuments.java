package dev.drydock.lsp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The text the editor holds for each open document, which may be ahead of the file on disk. */
final class OpenDocuments {

    private final Map<String, String> texts = new ConcurrentHashMap<>();

    void opened(String uri, String text) {
        texts.put(uri, text);
    }

    void changed(String uri, String text) {
        texts.put(uri, text);
    }

    void closed(String uri) {
        texts.remove(uri);
    }

    Optional<String> text(String uri) {
        return Optional.ofNullable(texts.get(uri));
    }

    /**
     * The open documents inside {@code root} whose text is not the file's text on disk (edited and not saved,
     * or not saved yet at all), by path relative to the root with {@code /}: what a review must read instead
     * of the disk.
     */
    Map<String, String> unsavedUnder(Path root) {
        Map<String, String> unsaved = new TreeMap<>();
        texts.forEach((uri, text) -> Uris.path(uri).filter(file -> file.startsWith(root) && !file.equals(root))
                .filter(file -> !text.equals(onDisk(file)))
                .ifPresent(file -> unsaved.put(root.relativize(file).toString().replace('\\', '/'), text)));
        return unsaved;
    }

    /** The file's text as an editor shows it (without a byte order mark), or null when it cannot be read. */
    private static String onDisk(Path file) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (IOException e) {
            return null;
        }
    }
}
