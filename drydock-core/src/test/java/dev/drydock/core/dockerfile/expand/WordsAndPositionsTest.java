package dev.drydock.core.dockerfile.expand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.dockerfile.expand.Expansion.Word;
import dev.drydock.core.dockerfile.expand.VariableReference.Operator;
import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The word-list output (EXPOSE), the backtick escape, positions, references and the lexer options. */
class WordsAndPositionsTest {

    static final Environment ENV = Environment.of(Map.of(
            "hi", "hi",
            "space", "abc  def",
            "leading", "  ab c",
            "trailing", "ab c   ",
            "PORTS", "443 8080",
            "EMPTY", ""));

    private static List<String> words(String input) {
        return WordExpander.BACKSLASH.expand(input, ENV).wordTexts();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
            hello                  | hello
            hello world            | hello,world
            hello${hi}bye          | hellohibye
            hello${nope}bye        | hellobye
            hello${space}bye       | helloabc,defbye
            hello"${space}"bye     | helloabc  defbye
            hello "${space}"bye    | hello,abc  defbye
            hello${leading}def     | hello,ab,cdef
            hello"${leading}" def  | hello  ab c,def
            hello${leading}        | hello,ab,c
            hello${trailing}       | helloab,c
            hello${trailing}d      | helloab,c,d
            hello"${trailing}"d    | helloab c   d
            hello\\ there          | hello there
            hello\\" there         | hello",there
            hello"\\\\there"       | hello\\there
            hello"\\there"         | hello\\there
            hello'\\\\there'       | hello\\\\there
            hello'$there'          | hello$there
            80 ${PORTS}            | 80,443,8080
            "$PORTS"               | 443 8080
            a "" b                 | a,b
            ${EMPTY}               |
            ""                     |
            ${EMPTY:-"x y"} z      | x,y,z
            """)
    void splitsLikeBuildKit(String input, String expected) {
        List<String> want = expected == null ? List.of() : List.of(expected.split(",", -1));
        assertThat(words(input.strip())).isEqualTo(want);
    }

    @Test
    void spacesAroundAndInsideQuotes() {
        assertThat(words("  hello   world  ")).containsExactly("hello", "world");
        assertThat(words("hello\" there  \"")).containsExactly("hello there  ");
        assertThat(words("\\t\\n a\\\tb")).containsExactly("tn", "a\tb");
        assertThat(words(" \t ")).isEmpty();
    }

    @Test
    void wordsKeepTheirInputRanges() {
        assertThat(WordExpander.BACKSLASH.expand("ab  cd", ENV).words())
                .containsExactly(new Word("ab", 0, 2), new Word("cd", 4, 6));
        assertThat(WordExpander.BACKSLASH.expand("x$PORTS \"q r\"", ENV).words())
                .containsExactly(new Word("x443", 0, 7), new Word("8080", 1, 7), new Word("q r", 8, 13));
        assertThat(WordExpander.BACKSLASH.expand("a\\ b", ENV).words()).containsExactly(new Word("a b", 0, 4));
    }

    @Test
    void eachOutputCharacterMapsBackToTheInput() {
        Expansion e = WordExpander.BACKSLASH.expand("a\"b\"$hi\\c${nope:-de}", ENV);
        assertThat(e.value()).isEqualTo("abhicde");
        int[] expected = {0, 2, 4, 4, 8, 17, 18};
        for (int i = 0; i < expected.length; i++) {
            assertThat(e.sourceIndex(i)).as("char %d", i).isEqualTo(expected[i]);
        }
        assertThat(e.sourceIndex(e.value().length())).isEqualTo(e.input().length());
        Expansion plain = WordExpander.BACKSLASH.expand("/usr/src/app", ENV);
        assertThat(plain.value()).isEqualTo("/usr/src/app");
        assertThat(plain.sourceIndex(4)).isEqualTo(4);
        assertThat(plain.references()).isEmpty();
    }

    @Test
    void referencesCarryNameFormAndRange() {
        Expansion e = WordExpander.BACKSLASH.expand("a$hi${C:-$D}${E##*/}$$", ENV);
        assertThat(e.references()).containsExactly(
                new VariableReference("hi", 1, 4, false, Operator.NONE, false, true),
                new VariableReference("C", 4, 12, true, Operator.DEFAULT, true, false),
                new VariableReference("D", 9, 11, false, Operator.NONE, false, false),
                new VariableReference("E", 12, 20, true, Operator.REMOVE_LONGEST_PREFIX, false, false),
                new VariableReference("$", 20, 22, false, Operator.NONE, false, false));
        assertThat(e.references().get(1).nameStart()).isEqualTo(6);
        assertThat(e.references().get(1).nameEnd()).isEqualTo(7);
        assertThat(e.references().get(4).isSpecialParameter()).isTrue();
        assertThat(e.references().get(0).isSpecialParameter()).isFalse();
        assertThat(e.unmatched()).containsExactly("D", "C", "E", "$");
        assertThat(e.matched()).containsExactly("hi");
    }

    @Test
    void errorsPointAtTheOffendingConstruct() {
        ExpansionError missing = WordExpander.BACKSLASH.expand("ab${x", ENV).error();
        assertThat(missing.start()).isEqualTo(2);
        assertThat(missing.end()).isEqualTo(5);
        ExpansionError bad = WordExpander.BACKSLASH.expand("ab${}", ENV).error();
        assertThat(bad.start()).isEqualTo(2);
        assertThat(bad.end()).isEqualTo(5);
        ExpansionError quote = WordExpander.BACKSLASH.expand("x'abc", ENV).error();
        assertThat(quote.start()).isEqualTo(1);
        ExpansionError required = WordExpander.BACKSLASH.expand("v=${X:?boom}!", ENV).error();
        assertThat(required.start()).isEqualTo(2);
        assertThat(required.end()).isEqualTo(12);

        Expansion failed = WordExpander.BACKSLASH.expand("v=${X:?boom}", ENV);
        assertThatThrownBy(failed::value).isInstanceOf(ExpansionException.class).hasMessageContaining("X: boom");
        assertThatThrownBy(failed::words).isInstanceOf(ExpansionException.class);
        assertThat(failed.valueOr("?")).isEqualTo("?");
        assertThat(failed.references()).extracting(VariableReference::name).containsExactly("X");

        SourceFile file = SourceFile.of("Dockerfile", "FROM x\nENV A=${X:?boom}\n");
        MappedText text = MappedText.of(file, 7, 24);
        int wordStart = 6; // the value after "ENV A="
        Expansion inFile = WordExpander.BACKSLASH.expand(text.text().substring(wordStart), ENV);
        SourceException ex = inFile.error().toSourceException(text, wordStart);
        assertThat(ex.getMessage()).isEqualTo("Dockerfile:2:7: X: boom");
        assertThat(inFile.error().span(text, wordStart).toString()).isEqualTo("2:7-2:17");
        assertThat(inFile.references().get(0).span(text, wordStart).startColumn()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
            C:\\path\\to            | C:\\path\\to
            a`$hi                   | a$hi
            a`                      | a
            `"q`"                   | "q"
            "a`"b"                  | a"b
            "a\\b"                  | a\\b
            "a``b"                  | a`b
            "a`b"                   | a`b
            $hi``                   | hi`
            'a`b'                   | a`b
            a\\$hi                  | a\\hi
            ${nope:-`}}x            | }x
            """)
    void backtickEscape(String input, String expected) {
        assertThat(WordExpander.BACKTICK.expand(input.strip(), ENV).value()).isEqualTo(expected.strip());
    }

    @Test
    void backtickModeErrors() {
        assertThat(WordExpander.BACKTICK.expand("\"a`\"", ENV).ok()).isFalse();
        assertThat(WordExpander.forEscape('`')).isSameAs(WordExpander.BACKTICK);
        assertThat(WordExpander.forEscape('\\')).isSameAs(WordExpander.BACKSLASH);
        assertThatThrownBy(() -> WordExpander.forEscape('^')).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void options() {
        WordExpander display = WordExpander.BACKSLASH.withRawQuotes(true).withSkipUnset(true);
        assertThat(display.expand("echo \"$hi\" '$x' $nope ${nope} ${nope:-d} ${nope//a/b}", ENV).value())
                .isEqualTo("echo \"hi\" '$x' $nope ${nope} ${nope:-d} ${nope/a/b}");
        WordExpander heredoc = WordExpander.heredoc();
        assertThat(heredoc.expand("say \"$hi\" 'x' \\$hi \\n", ENV).value()).isEqualTo("say \"hi\" 'x' $hi n");
        assertThat(WordExpander.BACKSLASH.withRawEscapes(true).expand("a\\$hi\\ b", ENV).value())
                .isEqualTo("a\\$hi\\ b");
    }

    @Test
    void leadingByteOrderMarkIsDroppedAsBuildKitsScannerDoes() {
        assertThat(WordExpander.BACKSLASH.expand("\uFEFFabc", ENV).value()).isEqualTo("abc");
        assertThat(WordExpander.BACKSLASH.expand("a\uFEFFbc", ENV).value()).isEqualTo("a\uFEFFbc");
    }

    @Test
    void unicodeNamesAndGoWhiteSpace() {
        Environment env = Environment.of(Map.of("naïve", "1", "x", "a\u00A0b\u001Cc"));
        assertThat(WordExpander.BACKSLASH.expand("$naïve", env).value()).isEqualTo("1");
        // NBSP separates words in Go, U+001C does not
        assertThat(WordExpander.BACKSLASH.expand("$x", env).wordTexts()).containsExactly("a", "b\u001Cc");
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "${a:-".repeat(50_000) + "x" + "}".repeat(50_000);
        Expansion e = WordExpander.BACKSLASH.expand(deep, ENV);
        assertThat(e.ok()).isFalse();
        String fine = "${a:-".repeat(100) + "x" + "}".repeat(100);
        assertThat(WordExpander.BACKSLASH.expand(fine, ENV).value()).isEqualTo("x");
    }

    @Test
    void patternsThatDefeatBacktrackingFinish() {
        // a backtracking matcher tries exponentially many splits of the stars here and would never return
        Environment env = Environment.of(Map.of("V", "a".repeat(2_000)));
        String pattern = "*a".repeat(200) + "b";
        assertThat(WordExpander.BACKSLASH.expand("${V#" + pattern + "}", env).value()).hasSize(2_000);
        assertThat(WordExpander.BACKSLASH.expand("${V//" + pattern + "/x}", env).value()).hasSize(2_000);
        assertThat(WordExpander.BACKSLASH.expand("${V%%" + pattern + "}", env).value()).hasSize(2_000);
    }
}
