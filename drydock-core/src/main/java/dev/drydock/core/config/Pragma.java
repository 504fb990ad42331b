package dev.drydock.core.config;

import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inline ignore comment: {@code # drydock ignore=rule-a,rule-b}, {@code # drydock global ignore=...},
 * and hadolint's {@code # hadolint ignore=DL3008}, {@code # hadolint global ignore=...} and
 * {@code # hadolint stage ignore=...}. The names (rule ids or aliases) are separated by commas and/or
 * spaces; a {@code #} after them starts a remark. {@code //} may stand for {@code #} in files whose
 * comments start that way.
 *
 * @param tool {@code drydock} or {@code hadolint}
 * @param scope what the comment covers
 * @param names the names, each with its exact place
 * @param span the comment, from its {@code #} to the end of the line
 */
public record Pragma(String tool, Scope scope, List<Name> names, Span span) {

    /** What an ignore comment covers. */
    public enum Scope {
        /** the next instruction, compose key (its whole block) or line */
        NEXT,
        /** in a Dockerfile, the next instruction up to the following {@code FROM}; elsewhere as NEXT */
        STAGE,
        /** the whole file */
        GLOBAL
    }

    /** A rule id or alias as written. */
    public record Name(String text, Span span) {}

    private static final Pattern FORM = Pattern.compile(
            "(?:#|//)[ \\t]*(drydock|hadolint)[ \\t]+(?:(global|stage)[ \\t]+)?ignore[ \\t]*=");
    private static final Pattern NAME = Pattern.compile("[^,\\s#]+");

    public Pragma {
        names = List.copyOf(names);
    }

    /** The ignore comment starting at {@code start} (its {@code #}) and ending at {@code end}, or null. */
    public static Pragma parse(SourceFile file, int start, int end) {
        String text = file.text();
        Matcher form = FORM.matcher(text).region(start, end);
        if (!form.lookingAt()) {
            return null;
        }
        Scope scope = form.group(2) == null ? Scope.NEXT : form.group(2).equals("global") ? Scope.GLOBAL : Scope.STAGE;
        int listEnd = text.indexOf('#', form.end());
        listEnd = listEnd < 0 || listEnd > end ? end : listEnd;
        List<Name> names = new ArrayList<>();
        Matcher name = NAME.matcher(text).region(form.end(), listEnd);
        while (name.find()) {
            names.add(new Name(name.group(), file.span(name.start(), name.end())));
        }
        int last = end;
        while (last > start && Character.isWhitespace(text.charAt(last - 1))) {
            last--;
        }
        return new Pragma(form.group(1), scope, names, file.span(start, last));
    }

    /** Whether a file's text may hold an ignore comment at all: every one names its tool in lower case. */
    static boolean mayHoldPragmas(String text) {
        return text.contains("drydock") || text.contains("hadolint");
    }

    /** Whether {@code text} starts like an ignore comment (it may still name nothing). */
    static boolean looksLikePragma(String text) {
        return FORM.matcher(text).lookingAt();
    }

    public int line() {
        return span.startLine();
    }
}
