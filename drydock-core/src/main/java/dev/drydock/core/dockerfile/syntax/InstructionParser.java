package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.golang.GoText;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one logical line into an instruction as BuildKit's {@code newNodeFromLine} does: splits
 * off the keyword and the flags, then reads the arguments with the line parser BuildKit's dispatch
 * table assigns to the keyword.
 */
final class InstructionParser {

    private static final String NOT_STRINGS = "when using JSON array syntax, arrays must be comprised of strings only";

    private final LogicalLine line;
    private final String s;
    private final char escape;

    private InstructionParser(LogicalLine line, char escape) {
        this.line = line;
        this.s = line.text();
        this.escape = escape;
    }

    static InstructionDraft parse(LogicalLine line, char escape) {
        return new InstructionParser(line, escape).parse(0, line.length());
    }

    /** Parses {@code from..to}; ONBUILD triggers are unrolled in a loop, not by recursion. */
    private InstructionDraft parse(int from, int to) {
        List<InstructionDraft> onbuilds = new ArrayList<>();
        InstructionDraft draft;
        while (true) {
            Split split = split(from, to);
            if (split.kind == InstructionKind.ONBUILD && split.argsEnd > split.argsStart) {
                onbuilds.add(new InstructionDraft(split.kind, split.keyword, split.flags, null, null));
                from = split.argsStart;
                to = split.argsEnd;
                continue;
            }
            draft = new InstructionDraft(split.kind, split.keyword, split.flags,
                    arguments(split.kind, split.argsStart, split.argsEnd), null);
            break;
        }
        for (int i = onbuilds.size() - 1; i >= 0; i--) {
            InstructionDraft outer = onbuilds.get(i);
            draft = new InstructionDraft(outer.kind(), outer.keyword(), outer.flags(), null, draft);
        }
        return draft;
    }

    private record Split(InstructionKind kind, Word keyword, List<Flag> flags, int argsStart, int argsEnd) {}

    /** BuildKit's {@code splitCommand}. */
    private Split split(int from, int to) {
        int a = GoText.skipSpace(s, from, to);
        int b = GoText.trimSpaceEnd(s, a, to);
        int k = WordSplitter.indexOfTokenWhitespace(s, a, b);
        if (k < 0) {
            Word keyword = new Word(s.substring(a, b), line.span(a, b));
            return new Split(InstructionKind.of(keyword.value()), keyword, List.of(), b, b);
        }
        Word keyword = new Word(s.substring(a, k), line.span(a, k));
        int r = k;
        while (r < b && GoText.isTokenWhitespace(s.charAt(r))) {
            r++;
        }
        FlagExtractor.Result flags = FlagExtractor.extract(line, r, b, escape);
        int argsStart = GoText.skipSpace(s, flags.rest(), b);
        int argsEnd = GoText.trimSpaceEnd(s, argsStart, b);
        return new Split(InstructionKind.of(keyword.value()), keyword, flags.flags(), argsStart, argsEnd);
    }

    private Arguments arguments(InstructionKind kind, int from, int to) {
        return switch (kind) {
            case ADD, COPY, VOLUME -> maybeJsonToList(from, to);
            case ARG -> argList(from, to);
            case CMD, ENTRYPOINT, RUN, SHELL -> maybeJson(from, to);
            case ENV -> keyValues(from, to, "ENV");
            case LABEL -> keyValues(from, to, "LABEL");
            case EXPOSE, FROM -> new WordList(tokens(from, to), false);
            case HEALTHCHECK -> healthcheck(from, to);
            case MAINTAINER, STOPSIGNAL, USER, WORKDIR -> from == to ? new NoArguments() : new PlainText(line.slice(from, to));
            case ONBUILD -> new NoArguments(); // a non-empty ONBUILD is unrolled by parse()
            case UNKNOWN -> new UnparsedArguments(line.slice(from, to));
        };
    }

    private List<Word> tokens(int from, int to) {
        List<Word> words = new ArrayList<>();
        if (from < to) {
            for (RawWord token : WordSplitter.tokens(s, from, to)) {
                words.add(word(token));
            }
        }
        return words;
    }

    /** BuildKit's {@code parseJSON}: null when the text is not a JSON array (so another form applies). */
    private ExecForm json(int from, int to) {
        int start = GoText.skipSpace(s, from, to);
        if (start >= to || s.charAt(start) != '[') {
            return null;
        }
        JsonArray.Result result = JsonArray.read(s, start, to);
        return switch (result.kind()) {
            case INVALID -> null;
            case NOT_STRINGS -> throw line.error(result.badElement(), NOT_STRINGS);
            case STRINGS -> new ExecForm(result.elements().stream().map(this::word).toList(), line.span(start, to));
        };
    }

    private Arguments maybeJson(int from, int to) {
        if (from == to) {
            return new NoArguments();
        }
        ExecForm exec = json(from, to);
        return exec != null ? exec : new ShellForm(line.slice(from, to));
    }

    private Arguments maybeJsonToList(int from, int to) {
        ExecForm exec = json(from, to);
        return exec != null ? new WordList(exec.elements(), true) : new WordList(tokens(from, to), false);
    }

    /** BuildKit's {@code parseNameVal}: ENV and LABEL. */
    private Arguments keyValues(int from, int to, String instruction) {
        List<RawWord> words = WordSplitter.shellWords(s, from, to, escape);
        if (words.isEmpty()) {
            return new KeyValueList(List.of(), false);
        }
        if (words.get(0).value().indexOf('=') < 0) {
            int gap = WordSplitter.indexOfTokenWhitespace(s, from, to);
            if (gap < 0) {
                throw line.error(from, instruction + " must have two arguments");
            }
            int valueStart = gap;
            while (valueStart < to && GoText.isTokenWhitespace(s.charAt(valueStart))) {
                valueStart++;
            }
            Word name = word(new RawWord(s.substring(from, gap), from, gap));
            Word value = word(new RawWord(s.substring(valueStart, to), valueStart, to));
            Word whole = word(new RawWord(s.substring(from, to), from, to));
            return new KeyValueList(List.of(new KeyValue(name, value, whole)), true);
        }
        List<KeyValue> entries = new ArrayList<>();
        for (RawWord w : words) {
            int equals = w.value().indexOf('=');
            if (equals < 0) {
                throw line.error(w.start(), "Syntax error - can't find = in " + GoText.quote(w.value())
                        + ". Must be of the form: name=value");
            }
            entries.add(split(w, equals));
        }
        return new KeyValueList(entries, false);
    }

    /** BuildKit's {@code parseNameOrNameVal}: ARG. */
    private Arguments argList(int from, int to) {
        List<KeyValue> entries = new ArrayList<>();
        for (RawWord w : WordSplitter.shellWords(s, from, to, escape)) {
            int equals = w.value().indexOf('=');
            entries.add(equals < 0 ? new KeyValue(word(w), null, word(w)) : split(w, equals));
        }
        return new ArgList(entries);
    }

    /** A {@code name=value} word; its characters sit one to one on the line from its start. */
    private KeyValue split(RawWord w, int equals) {
        String text = w.value();
        int nameEnd = w.start() + equals;
        int valueStart = nameEnd + 1;
        Word name = new Word(text.substring(0, equals), line.span(w.start(), nameEnd));
        Word value = new Word(text.substring(equals + 1), line.span(valueStart, valueStart + text.length() - equals - 1));
        return new KeyValue(name, value, word(w));
    }

    /** BuildKit's {@code parseHealthConfig}: the type, then the command as {@code parseMaybeJSON} reads it. */
    private Arguments healthcheck(int from, int to) {
        int sep = from;
        while (sep < to && !GoText.isLatin1Space(s.charAt(sep))) {
            sep++;
        }
        if (sep == from) {
            return new NoArguments();
        }
        int next = sep;
        while (next < to && GoText.isLatin1Space(s.charAt(next))) {
            next++;
        }
        Word type = word(new RawWord(s.substring(from, sep), from, sep));
        return new HealthcheckArguments(type, maybeJson(next, to));
    }

    private Word word(RawWord raw) {
        return new Word(raw.value(), line.span(raw.start(), raw.end()));
    }
}
