package dev.drydock.core.edit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextEditTest {

    @Test
    void insertionsAtOneOffsetConflictUnlessBothGoInAnyOrder() {
        TextEdit a = TextEdit.insert("compose.yaml", 40, "  a-data:\n");
        TextEdit b = TextEdit.insert("compose.yaml", 40, "  b-data:\n");

        assertThat(a.overlaps(b)).isTrue();
        assertThat(a.inAnyOrder().overlaps(b)).isTrue();
        assertThat(a.inAnyOrder().overlaps(b.inAnyOrder())).isFalse();
    }

    @Test
    void theSameTextTwiceStillConflicts() {
        TextEdit a = TextEdit.insert("compose.yaml", 40, "  a-data:\n").inAnyOrder();

        assertThat(a.overlaps(TextEdit.insert("compose.yaml", 40, "  a-data:\n").inAnyOrder())).isTrue();
    }

    @Test
    void onlyAnInsertionGoesInAnyOrder() {
        TextEdit replacement = TextEdit.replace("compose.yaml", 3, 8, "x").inAnyOrder();

        assertThat(replacement.anyOrder()).isFalse();
        assertThat(replacement.overlaps(TextEdit.replace("compose.yaml", 5, 9, "y"))).isTrue();
    }

    @Test
    void aFixJoiningItsInsertionsKeepsAnyOrderOnlyWhenAllHaveIt() {
        Fix both = Fix.of("t", FixSafety.SAFE, TextEdit.insert("f", 1, "a").inAnyOrder(),
                TextEdit.insert("f", 1, "b").inAnyOrder());
        Fix one = Fix.of("t", FixSafety.SAFE, TextEdit.insert("f", 1, "a").inAnyOrder(), TextEdit.insert("f", 1, "b"));

        assertThat(both.edits()).singleElement().satisfies(e -> assertThat(e.anyOrder()).isTrue());
        assertThat(one.edits()).singleElement().satisfies(e -> assertThat(e.anyOrder()).isFalse());
    }
}
