package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.Span;
import java.util.OptionalLong;

/**
 * A here-document an instruction opens with {@code <<NAME} (RUN, COPY, ADD, also under ONBUILD).
 *
 * @param name the terminator word, quotes removed ({@code <<"EOF"} names {@code EOF})
 * @param stripTabs {@code <<-NAME}: leading tabs are stripped from the body and the terminator line
 * @param expand whether variables expand in the body: false when any part of the name was quoted
 * @param fileDescriptor the descriptor written before {@code <<} ({@code 3<<EOF}), if any
 *     (saturating at {@link Long#MAX_VALUE})
 * @param marker the marker word on the instruction line, e.g. {@code <<-"EOF"}
 * @param body the body exactly as in the file: every line between the instruction and the
 *     terminator line, line terminators included (BuildKit's {@code Content})
 * @param span the body lines and the terminator line
 * @param terminator the terminator line (without its line terminator)
 */
public record Heredoc(String name, boolean stripTabs, boolean expand, OptionalLong fileDescriptor, Span marker,
        MappedText body, Span span, Span terminator) {

    /**
     * The body as BuildKit hands it on: with {@code <<-}, the tabs at the start of each line removed
     * (BuildKit's {@code ChompHeredocContent}); otherwise the body unchanged.
     */
    public MappedText content() {
        if (!stripTabs) {
            return body;
        }
        String text = body.text();
        MappedText.Builder out = MappedText.builder(body.file());
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (lineStart && c == '\t') {
                continue;
            }
            lineStart = c == '\n';
            int offset = body.fileOffset(i);
            out.append(offset, offset + 1);
        }
        return out.build();
    }
}
