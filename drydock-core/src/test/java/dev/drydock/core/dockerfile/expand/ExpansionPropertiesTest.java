package dev.drydock.core.dockerfile.expand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.testing.RandomInputs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Random words: expansion either succeeds with consistent outputs or reports an {@link ExpansionError}. */
class ExpansionPropertiesTest {

    static final Environment ENV = Environment.of(Map.of(
            "A", "a b", "B", "", "C", "*?x\\y}", "D", "/tmp/x.txt", "E", "line\nnext"));

    static final List<WordExpander> EXPANDERS = List.of(
            WordExpander.BACKSLASH,
            WordExpander.BACKTICK,
            WordExpander.heredoc(),
            WordExpander.BACKSLASH.withRawQuotes(true).withSkipUnset(true),
            WordExpander.BACKTICK.withRawEscapes(true));

    static final List<String> TOKENS = List.of(
            "$", "{", "}", ":", "-", "+", "?", "#", "%", "/", "//", "\\", "`", "'", "\"", " ", "\t", "\n",
            "A", "B", "C", "D", "E", "Z", "x", "*", "0", "1", "@", "!", "=", "é", "😀", "\uFEFF", "\u00A0",
            "${A", "${B:-", "${C#", "${D%%", "${D//", "${Z:?", "$$", "\\$", "`$");

    /** Up to 24 shell-like tokens joined. */
    static String shellish(RandomInputs in) {
        return in.concat(TOKENS, 0, 24);
    }

    @Test
    void shellLikeWordsNeverThrow() {
        RandomInputs.forEachSample("shell-like words", 3000, ExpansionPropertiesTest::shellish, word -> {
            for (WordExpander expander : EXPANDERS) {
                check(expander, word);
            }
        });
    }

    @Test
    void arbitraryStringsNeverThrow() {
        RandomInputs.forEachSample("arbitrary words", 1500, in -> in.anyString(255), word -> {
            for (WordExpander expander : EXPANDERS) {
                check(expander, word);
            }
        });
    }

    @Test
    void singleQuotedTextComesBackUnchanged() {
        RandomInputs.forEachSample("single-quoted text", 500, ExpansionPropertiesTest::shellish, text -> {
            String literal = text.replace("'", "");
            Expansion e = WordExpander.BACKSLASH.expand("'" + literal + "'", ENV);
            assertThat(e.value()).isEqualTo(literal);
            assertThat(e.references()).isEmpty();
        });
    }

    private static void check(WordExpander expander, String word) {
        Expansion e = expander.expand(word, ENV);
        for (VariableReference ref : e.references()) {
            assertThat(ref.start()).isBetween(0, word.length());
            assertThat(ref.end()).isBetween(ref.start() + 1, word.length());
            assertThat(word.charAt(ref.start())).isEqualTo('$');
        }
        if (e.ok()) {
            String value = e.value();
            for (int i = 0; i <= value.length(); i++) {
                assertThat(e.sourceIndex(i)).isBetween(0, word.length());
            }
            for (Expansion.Word w : e.words()) {
                assertThat(w.text()).isNotEmpty();
                assertThat(w.start()).isBetween(0, word.length());
                assertThat(w.end()).isBetween(w.start(), word.length());
            }
        } else {
            ExpansionError error = e.error();
            assertThat(error.message()).isNotBlank();
            assertThat(error.start()).isBetween(0, word.length());
            assertThat(error.end()).isBetween(error.start(), word.length());
            assertThatThrownBy(e::value).isInstanceOf(ExpansionException.class);
        }
    }
}
