package dev.drydock.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void splitKeepsQuotesWithoutExpanding() {
        assertThat(ShellWords.split("--workers=4 --bind '0.0.0.0:$PORT' --name \"a b\""))
                .containsExactly("--workers=4", "--bind", "0.0.0.0:$PORT", "--name", "a b");
        assertThat(ShellWords.split("-Xmx1g  -Dx=$Y")).containsExactly("-Xmx1g", "-Dx=$Y");
    }

    @Test
    void assignmentsAreWordsAndOperatorsSeparate() {
        assertThat(ShellWords.split("A=1 B='x y' -v")).containsExactly("A=1", "B=x y", "-v");
        assertThat(ShellWords.split("a;b c|d 2>/dev/null")).containsExactly("a", "b", "c", "d");
        assertThat(ShellWords.split("  ")).isEmpty();
    }

    @Test
    void textThatIsNoCommandListIsSplitAtBlanks() {
        assertThat(ShellWords.split("-Da='b")).containsExactly("-Da='b");
        assertThat(ShellWords.split("if x")).containsExactly("if", "x");
        assertThat(ShellWords.split("a <<EOF")).containsExactly("a", "<<EOF");
    }
}
