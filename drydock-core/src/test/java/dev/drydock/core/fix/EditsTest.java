package dev.drydock.core.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class EditsTest {

    @Test
    void appliesEditsInOffsetOrderWhateverTheirOrderInTheList() {
        String text = "FROM a\nRUN b\nCMD c\n";
        String out = Edits.apply(text, List.of(TextEdit.replace("D", 13, 18, "CMD [\"c\"]"),
                TextEdit.insert("D", 7, "USER app\n")));
        assertThat(out).isEqualTo("FROM a\nUSER app\nRUN b\nCMD [\"c\"]\n");
    }

    @Test
    void writesTheFilesOwnLineEndingInInsertedText() {
        String text = "FROM a\r\nCMD c\r\n";
        String out = Edits.apply(text, List.of(TextEdit.insert("D", 8, "USER app\nENV X=1\n")));
        assertThat(out).isEqualTo("FROM a\r\nUSER app\r\nENV X=1\r\nCMD c\r\n");
    }

    @Test
    void keepsCarriageReturnsAlreadyInTheReplacement() {
        String out = Edits.apply("a\r\nb\r\n", List.of(TextEdit.insert("f", 3, "x\r\n")));
        assertThat(out).isEqualTo("a\r\nx\r\nb\r\n");
    }

    @Test
    void refusesAnEditBeyondTheText() {
        assertThatThrownBy(() -> Edits.apply("abc", List.of(TextEdit.replace("f", 2, 9, "x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overlapCoversSharedCharactersAndInsertionsAtOneOffset() {
        TextEdit replace = TextEdit.replace("f", 5, 10, "x");
        assertThat(replace.overlaps(TextEdit.replace("f", 9, 12, "y"))).isTrue();
        assertThat(replace.overlaps(TextEdit.replace("f", 10, 12, "y"))).isFalse();
        assertThat(replace.overlaps(TextEdit.insert("f", 7, "y"))).isTrue();
        assertThat(replace.overlaps(TextEdit.insert("f", 10, "y"))).isFalse();
        assertThat(TextEdit.insert("f", 3, "a").overlaps(TextEdit.insert("f", 3, "b"))).isTrue();
        assertThat(replace.overlaps(TextEdit.replace("g", 5, 10, "x"))).isFalse();
    }

    @Test
    void aFixRefusesOverlappingEditsOfItsOwn() {
        assertThatThrownBy(() -> Fix.of("t", FixSafety.SAFE, TextEdit.replace("f", 1, 4, "a"), TextEdit.insert("f", 2, "b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fix.of("t", FixSafety.NONE, TextEdit.insert("f", 1, "a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFixJoinsItsInsertionsAtOneOffsetInTheirOrder() {
        Fix fix = Fix.of("t", FixSafety.SAFE, TextEdit.insert("f", 1, "a"), TextEdit.replace("f", 2, 3, "x"),
                TextEdit.insert("f", 1, "b"), TextEdit.insert("g", 1, "c"));
        assertThat(fix.edits()).containsExactly(TextEdit.insert("f", 1, "ab"), TextEdit.replace("f", 2, 3, "x"),
                TextEdit.insert("g", 1, "c"));
        assertThat(Edits.apply("0123", fix.edits().subList(0, 2))).isEqualTo("0ab1x3");
    }

    @Test
    void lineEditsKeepTheRestOfTheLayout() {
        SourceFile file = SourceFile.of("D", "FROM a\n  RUN b\nCMD c");
        assertThat(Edits.apply(file.text(), List.of(SourceEdits.deleteLines(file, 2, 2)))).isEqualTo("FROM a\nCMD c");
        assertThat(Edits.apply(file.text(), List.of(SourceEdits.deleteLines(file, 3, 3)))).isEqualTo("FROM a\n  RUN b");
        assertThat(Edits.apply(file.text(), List.of(SourceEdits.appendLines(file, "USER x"))))
                .isEqualTo("FROM a\n  RUN b\nCMD c\nUSER x\n");
        assertThat(Edits.apply(file.text(), List.of(SourceEdits.insertLinesAfter(file, 1, "ENV X=1"))))
                .isEqualTo("FROM a\nENV X=1\n  RUN b\nCMD c");
        assertThat(SourceEdits.indentation(file, 2)).isEqualTo("  ");
        assertThat(Edits.apply(file.text(), List.of(SourceEdits.replaceLines(file, 2, 2, "  RUN z"))))
                .isEqualTo("FROM a\n  RUN z\nCMD c");
    }
}
