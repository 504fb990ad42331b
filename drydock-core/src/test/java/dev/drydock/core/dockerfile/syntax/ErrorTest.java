package dev.drydock.core.dockerfile.syntax;

import static dev.drydock.core.dockerfile.syntax.Parsing.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.source.SourceException;
import org.junit.jupiter.api.Test;

/** Where BuildKit's parser rejects a file, so does this one, at the offending position. */
class ErrorTest {

    @Test
    void aFileNeedsAnInstruction() {
        assertThatThrownBy(() -> parse("")).isInstanceOf(SourceException.class)
                .hasMessage("Dockerfile:1:1: file with no instructions");
        assertThatThrownBy(() -> parse("\uFEFF\n\n# only a comment\n"))
                .hasMessage("Dockerfile:3:1: file with no instructions");
        assertThatThrownBy(() -> parse("# syntax=docker/dockerfile:1\n")).hasMessage("Dockerfile:1:1: file with no instructions");
    }

    @Test
    void envAndLabelNeedValues() {
        assertThatThrownBy(() -> parse("FROM a\nENV  PATH")).hasMessage("Dockerfile:2:6: ENV must have two arguments");
        assertThatThrownBy(() -> parse("LABEL version")).hasMessage("Dockerfile:1:7: LABEL must have two arguments");
        assertThatThrownBy(() -> parse("ENV A=1 \\\n  B"))
                .hasMessage("Dockerfile:2:3: Syntax error - can't find = in \"B\". Must be of the form: name=value");
        // an empty ENV is BuildKit's instruction layer's business, not its parser's
        assertThat(parse("ENV").instructions()).hasSize(1);
    }

    @Test
    void jsonArraysMustHoldStrings() {
        assertThatThrownBy(() -> parse("CMD [\"a\", 1]"))
                .hasMessage("Dockerfile:1:11: when using JSON array syntax, arrays must be comprised of strings only");
        assertThatThrownBy(() -> parse("COPY [\"a\", null]"))
                .hasMessage("Dockerfile:1:12: when using JSON array syntax, arrays must be comprised of strings only");
        assertThatThrownBy(() -> parse("ONBUILD RUN [{}]"))
                .hasMessage("Dockerfile:1:14: when using JSON array syntax, arrays must be comprised of strings only");
        assertThatThrownBy(() -> parse("HEALTHCHECK CMD [true]"))
                .hasMessage("Dockerfile:1:18: when using JSON array syntax, arrays must be comprised of strings only");
    }

    @Test
    void aTooLongLineStopsBuildkitsScanner() {
        String longLine = "RUN echo " + "a".repeat(65536) + "\n";
        assertThatThrownBy(() -> parse("FROM a\n" + longLine))
                .hasMessage("Dockerfile:2:1: dockerfile line greater than max allowed size of 65535");
        // 65535 bytes is fine, counted in UTF-8 bytes
        assertThat(parse("FROM a\nRUN " + "a".repeat(65531)).instructions()).hasSize(2);
        assertThatThrownBy(() -> parse("FROM a\nRUN " + "\u00e9".repeat(32766)))
                .hasMessage("Dockerfile:2:1: dockerfile line greater than max allowed size of 65535");
    }

    @Test
    void errorsInsideContinuationsPointAtTheirLine() {
        assertThatThrownBy(() -> parse("FROM a\nRUN [\"a\", \\\n  {\"k\": 1}]"))
                .hasMessage("Dockerfile:3:3: when using JSON array syntax, arrays must be comprised of strings only");
    }
}
