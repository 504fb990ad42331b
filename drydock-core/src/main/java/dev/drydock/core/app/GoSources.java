package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Go files of the modules in a build context, as the program the image runs compiles them: each go.mod's
 * .go files without tests ({@code _test.go}), vendored copies and test data; when the Dockerfile builds one main
 * package ({@code go build ./cmd/api}), the other main packages of the module are left out.
 *
 * @param module the go.mod of the module the file belongs to
 * @param file the file
 * @param code its text with comments blanked (same length, so offsets keep their lines)
 */
record GoSources(String module, SourceFile file, String code) {

    private static final int MAX_FILES = 200;
    private static final Pattern MAIN_PACKAGE = Pattern.compile("(?m)^package\\s+main\\b");

    /** The Go files of the Go modules among {@code manifests}; {@code mainDir}, when not null, is the main package built. */
    static List<GoSources> of(List<Manifest> manifests, SourceSet files, String mainDir) {
        List<GoSources> out = new ArrayList<>();
        for (Manifest m : manifests) {
            if (m.kind() != ManifestKind.GO_MOD) {
                continue;
            }
            String dir = PathNames.parent(m.file());
            files.paths().stream()
                    .filter(p -> p.endsWith(".go") && !p.endsWith("_test.go") && PathNames.isUnder(p, dir)
                            && !p.contains("/vendor/") && !p.startsWith("vendor/") && !p.contains("testdata/"))
                    .limit(MAX_FILES).map(files::read).flatMap(Optional::stream)
                    .map(f -> new GoSources(m.file(), f, blankComments(f.text())))
                    .filter(g -> mainDir == null || !MAIN_PACKAGE.matcher(g.code).find()
                            || PathNames.parent(g.file.path()).equals(mainDir))
                    .forEach(out::add);
        }
        return out;
    }

    /** A call of a method on a value the file creates: {@code r.Run(} where {@code r := gin.Default()}. */
    record MethodCall(String receiver, String method, int start, int end) {}

    /**
     * The calls of {@code methods} (a regular expression) on each value that {@code creator} makes in this file
     * (its group 1 names the value), in the order of the values, then of the calls; {@code end} is just past the
     * opening parenthesis.
     */
    List<MethodCall> callsOnCreated(Pattern creator, String methods) {
        List<MethodCall> out = new ArrayList<>();
        Matcher made = creator.matcher(code);
        while (made.find()) {
            Matcher call = Pattern.compile("\\b" + Pattern.quote(made.group(1)) + "\\.(" + methods + ")\\s*\\(")
                    .matcher(code);
            while (call.find()) {
                out.add(new MethodCall(made.group(1), call.group(1), call.start(), call.end()));
            }
        }
        return out;
    }

    /** The 1-based line of an offset of the code. */
    int line(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < code.length(); i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Go source with its comments replaced by spaces (newlines kept); strings, raw strings and runes stay. */
    static String blankComments(String text) {
        return CStyleComments.blank(text, GoSources::literalEnd);
    }

    /** The index just after the string, raw string or rune that starts at {@code start}, or -1 when none does. */
    private static int literalEnd(String text, int start) {
        char c = text.charAt(start);
        if (c == '`') {
            int end = text.indexOf('`', start + 1);
            return end < 0 ? text.length() : end + 1;
        }
        if (c != '"' && c != '\'') {
            return -1;
        }
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != c && text.charAt(i) != '\n') {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, text.length());
    }
}
