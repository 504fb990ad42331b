package dev.drydock.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void plainTextIsReturnedAsItIs() {
        String text = "FROM caf\u00e9:1.0\tRUN \u65e5\u672c\nnext line";
        assertThat(Printable.escape(text)).isSameAs(text);
        assertThat(Printable.escape(null)).isNull();
    }

    @Test
    void controlCharactersAndBidiOverridesBecomeVisibleEscapes() {
        assertThat(Printable.escape("a\u001b[2Jb\u0000c\rd\u007fe\u009bf\u202eg\u2066h"))
                .isEqualTo("a\\x1b[2Jb\\x00c\\x0dd\\x7fe\\x9bf\\u202eg\\u2066h");
    }
}
