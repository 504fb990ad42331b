package dev.drydock.core.dotenv;

import dev.drydock.core.compose.template.Substitution;
import dev.drydock.core.source.Span;
import java.util.List;

/**
 * One statement of a {@code .env} file.
 *
 * @param key the variable name
 * @param value the resolved value: quotes removed, escapes (double quotes) and {@code ${VAR}} expanded
 *        (unquoted and double-quoted); for a {@code KEY} alone the value looked up in the environment
 *        given to the parser, {@code null} when it has none (the variable is then left unset)
 * @param rawValue the value's text as written, quotes included; {@code null} for a {@code KEY} alone
 * @param quote {@code '\''}, {@code '"'} or {@code 0} for an unquoted value
 * @param inherited whether the statement is a {@code KEY} alone (the value comes from the environment)
 * @param exported whether the statement starts with {@code export}
 * @param span the whole statement, {@code export} to the end of the value
 * @param keySpan the key
 * @param valueSpan the value as written (quotes included); an empty span after {@code =} for an empty value;
 *        {@code null} for a {@code KEY} alone
 * @param substitutions the {@code $} expressions of the value; their indexes are into the value's text
 *        after the opening quote ({@link #substitutionSpan(Substitution, dev.drydock.core.source.SourceFile)})
 */
public record DotEnvEntry(
        String key,
        String value,
        String rawValue,
        char quote,
        boolean inherited,
        boolean exported,
        Span span,
        Span keySpan,
        Span valueSpan,
        List<Substitution> substitutions) {

    /** The file region of a substitution of this entry (approximate inside values with escapes). */
    public Span substitutionSpan(Substitution s, dev.drydock.core.source.SourceFile file) {
        if (valueSpan == null) {
            return keySpan;
        }
        int base = valueSpan.start() + (quote == 0 ? 0 : 1);
        int limit = valueSpan.end();
        int start = Math.min(base + s.start(), limit);
        int end = Math.min(base + s.end(), limit);
        return file.span(start, Math.max(start, end));
    }
}
