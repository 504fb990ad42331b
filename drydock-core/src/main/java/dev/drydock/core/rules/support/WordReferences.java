package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.expand.VariableReference;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;

/** Where a variable reference of a word stands in the file, for findings that name one variable. */
public final class WordReferences {

    private WordReferences() {}

    /**
     * The span of {@code reference} (indexes into {@code value}) inside a word written at {@code wordSpan};
     * the whole word when it was written across a line continuation or with characters the value drops.
     */
    public static Span span(SourceFile file, Span wordSpan, String value, VariableReference reference) {
        if (wordSpan.length() != value.length()) {
            return wordSpan;
        }
        return file.span(wordSpan.start() + reference.start(), wordSpan.start() + reference.end());
    }
}
