package dev.drydock.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SourceFileTest {

    @Test
    void positionsCountLinesAcrossAllTerminators() {
        SourceFile file = SourceFile.of("f", "ab\r\ncd\ne\rf");
        assertThat(file.lineCount()).isEqualTo(4);
        assertThat(file.position(0)).isEqualTo(new Position(0, 1, 1));
        assertThat(file.position(4)).isEqualTo(new Position(4, 2, 1));
        assertThat(file.position(9)).isEqualTo(new Position(9, 4, 1));
        assertThat(file.line(1)).isEqualTo("ab");
        assertThat(file.line(2)).isEqualTo("cd");
        assertThat(file.line(3)).isEqualTo("e");
        assertThat(file.line(4)).isEqualTo("f");
    }

    @Test
    void spanEndColumnIsExclusive() {
        SourceFile file = SourceFile.of("f", "FROM x\nRUN a\n");
        Span run = file.lines(2, 2);
        assertThat(run).isEqualTo(new Span(7, 12, 2, 1, 2, 6));
        assertThat(file.text(run)).isEqualTo("RUN a");
        assertThat(file.lineCount()).isEqualTo(3);
        assertThat(file.line(3)).isEmpty();
    }

    @Test
    void byteOrderMarkIsKeptButSkippable() {
        SourceFile file = SourceFile.of("f", "\uFEFFFROM x");
        assertThat(file.contentStart()).isEqualTo(1);
        assertThat(file.text()).startsWith("\uFEFF");
    }

    @Test
    void mappedTextMapsJoinedLinesBackToTheFile() {
        SourceFile file = SourceFile.of("f", "RUN a \\\n  && b\n");
        MappedText joined = MappedText.builder(file).append(4, 6).append(8, 14).build();
        assertThat(joined.text()).isEqualTo("a   && b");
        int b = joined.text().indexOf('b');
        assertThat(file.position(joined.fileOffset(b))).isEqualTo(new Position(13, 2, 6));
        assertThat(joined.fileSpan(b, b + 1)).isEqualTo(new Span(13, 14, 2, 6, 2, 7));
    }

    @Test
    void exceptionsPrintFileLineColumn() {
        assertThat(new SourceException("Dockerfile", 3, 7, "unknown instruction: FORM").getMessage())
                .isEqualTo("Dockerfile:3:7: unknown instruction: FORM");
        assertThat(SourceException.ofFile("x/Dockerfile", "no such file").getMessage())
                .isEqualTo("x/Dockerfile: no such file");
    }

    @Test
    void syntaxIsReadOnceAndAFailureRepeats() {
        SourceFile file = SourceFile.of("n.txt", "42");
        AtomicInteger reads = new AtomicInteger();
        assertThat(file.syntax(Integer.class, f -> { reads.incrementAndGet(); return Integer.valueOf(f.text()); }))
                .isEqualTo(42);
        assertThat(file.syntax(Integer.class, f -> { reads.incrementAndGet(); return 0; })).isEqualTo(42);
        assertThat(reads).hasValue(1);

        SourceFile bad = SourceFile.of("b.txt", "x");
        assertThatThrownBy(() -> bad.syntax(Integer.class, f -> { reads.incrementAndGet(); return Integer.valueOf(f.text()); }))
                .isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> bad.syntax(Integer.class, f -> { reads.incrementAndGet(); return 1; }))
                .isInstanceOf(NumberFormatException.class);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aReaderThatFindsNothingIsAskedOnce() {
        SourceFile file = SourceFile.of("empty.json", "");
        AtomicInteger reads = new AtomicInteger();
        assertThat(file.syntax(String.class, f -> { reads.incrementAndGet(); return null; })).isNull();
        assertThat(file.syntax(String.class, f -> { reads.incrementAndGet(); return "late"; })).isNull();
        assertThat(reads).hasValue(1);
    }
}
