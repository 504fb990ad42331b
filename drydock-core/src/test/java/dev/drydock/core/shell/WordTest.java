package dev.drydock.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.shell.WordPart.AnsiCQuoted;
import dev.drydock.core.shell.WordPart.ArithmeticExpansion;
import dev.drydock.core.shell.WordPart.CommandSubstitution;
import dev.drydock.core.shell.WordPart.DoubleQuoted;
import dev.drydock.core.shell.WordPart.Literal;
import dev.drydock.core.shell.WordPart.ParamExpansion;
import dev.drydock.core.shell.WordPart.ProcessSubstitution;
import dev.drydock.core.shell.WordPart.SingleQuoted;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Words: quoting, escapes, expansions, and their static values. */
class WordTest {

    /** The words of the only simple command of {@code script}. */
    static List<Word> words(String script) {
        ShellScript parsed = Snippets.script(script);
        assertThat(parsed.problems()).as("problems in %s", script).isEmpty();
        return parsed.commands().get(parsed.commands().size() - 1).words();
    }

    static Word arg(String script, int index) {
        return words(script).get(index);
    }

    @Test
    void plainWordIsOneLiteral() {
        Word w = arg("echo hello", 1);
        assertThat(w.raw()).isEqualTo("hello");
        assertThat(w.literal()).contains("hello");
        assertThat(w.parts()).singleElement().isInstanceOf(Literal.class);
        assertThat(w.isQuoted()).isFalse();
        assertThat(w.hasExpansion()).isFalse();
        assertThat(w.span().startColumn()).isEqualTo(6);
        assertThat(w.span().endColumn()).isEqualTo(11);
    }

    @Test
    void singleQuotesKeepEverything() {
        Word w = arg("echo 'a $b \\c \"d\"'", 1);
        assertThat(w.literal()).contains("a $b \\c \"d\"");
        assertThat(w.isQuoted()).isTrue();
        assertThat(w.parts()).singleElement().isInstanceOf(SingleQuoted.class);
    }

    @Test
    void doubleQuotesUnescapeOnlyTheirFourCharacters() {
        Word w = arg("echo \"a \\\"b\\\" \\$c \\\\ \\x\"", 1);
        assertThat(w.literal()).contains("a \"b\" $c \\ \\x");
        assertThat(w.parts()).singleElement().isInstanceOf(DoubleQuoted.class);
    }

    @Test
    void backslashQuotesTheNextCharacter() {
        assertThat(arg("echo a\\ b\\;c", 1).literal()).contains("a b;c");
        assertThat(arg("echo a\\ b", 1).isQuoted()).isTrue();
        assertThat(words("echo a\\ b")).hasSize(2);
    }

    @Test
    void adjacentPartsMakeOneWord() {
        Word w = arg("echo pre'single'\"double\"post", 1);
        assertThat(w.literal()).contains("presingledoublepost");
        assertThat(w.parts()).hasSize(4);
    }

    @Test
    void ansiCStringsAreDecoded() {
        Word w = arg("printf $'a\\tb\\x41\\101\\u00e9\\n\\'q'", 1);
        assertThat(w.literal()).contains("a\tbAA\u00e9\n'q");
        assertThat(w.parts()).singleElement().isInstanceOf(AnsiCQuoted.class);
    }

    @Test
    void localizedStringIsDoubleQuoted() {
        Word w = arg("echo $\"hello $USER\"", 1);
        assertThat(w.parts()).singleElement().isInstanceOfSatisfying(DoubleQuoted.class,
                d -> assertThat(d.localized()).isTrue());
        assertThat(w.value()).isEqualTo("hello $USER");
    }

    @Test
    void simpleParameterExpansions() {
        Word w = arg("echo $HOME/bin", 1);
        assertThat(w.hasExpansion()).isTrue();
        assertThat(w.literal()).isEmpty();
        assertThat(w.value()).isEqualTo("$HOME/bin");
        assertThat(w.parts()).hasSize(2);
        assertThat(w.parts().get(0)).isInstanceOfSatisfying(ParamExpansion.class, p -> {
            assertThat(p.name()).isEqualTo("HOME");
            assertThat(p.braced()).isFalse();
            assertThat(p.raw()).isEqualTo("$HOME");
        });
        for (String special : List.of("1", "@", "*", "#", "?", "-", "$", "!", "0")) {
            Word s = arg("echo $" + special + "x", 1);
            assertThat(s.parts().get(0)).isInstanceOfSatisfying(ParamExpansion.class,
                    p -> assertThat(p.name()).isEqualTo(special));
            assertThat(s.value()).isEqualTo("$" + special + "x");
        }
    }

    @Test
    void loneDollarIsLiteral() {
        assertThat(arg("echo $ a$", 1).literal()).contains("$");
        assertThat(arg("echo a$", 1).literal()).contains("a$");
        assertThat(arg("echo \"$\"", 1).literal()).contains("$");
    }

    @Test
    void bracedParameterExpansions() {
        ParamExpansion p = param("${VAR:-default value}");
        assertThat(p.name()).isEqualTo("VAR");
        assertThat(p.operator()).isEqualTo(":-");
        assertThat(p.argument().value()).isEqualTo("default value");

        assertThat(param("${#PATH}").prefix()).isEqualTo("#");
        assertThat(param("${#PATH}").name()).isEqualTo("PATH");
        assertThat(param("${#}").name()).isEqualTo("#");
        assertThat(param("${!ref}").prefix()).isEqualTo("!");
        assertThat(param("${x%%.*}").operator()).isEqualTo("%%");
        assertThat(param("${x%%.*}").argument().value()).isEqualTo(".*");
        assertThat(param("${x#*/}").operator()).isEqualTo("#");
        assertThat(param("${x/a/b}").operator()).isEqualTo("/");
        assertThat(param("${x//a/b}").argument().value()).isEqualTo("a/b");
        assertThat(param("${x:1:2}").operator()).isEqualTo(":");
        assertThat(param("${x^^}").operator()).isEqualTo("^^");
        assertThat(param("${arr[@]}").index()).isEqualTo("@");
        assertThat(param("${arr[$i]}").name()).isEqualTo("arr");
        assertThat(param("${10}").name()).isEqualTo("10");
        assertThat(param("${x:?missing}").operator()).isEqualTo(":?");
        assertThat(param("${x+set}").operator()).isEqualTo("+");
    }

    private static ParamExpansion param(String text) {
        Word w = arg("echo " + text, 1);
        assertThat(w.parts()).hasSize(1);
        return (ParamExpansion) w.parts().get(0);
    }

    @Test
    void nestedExpansionsInsideParameterWords() {
        Word w = arg("echo \"${A:-${B:-$(id -u)}}\"", 1);
        assertThat(w.hasCommandSubstitution()).isTrue();
        ShellScript script = Snippets.script("echo \"${A:-${B:-$(id -u)}}\"");
        assertThat(script.commands()).extracting(Command::name).containsExactly("id", "echo");
        assertThat(script.commands().get(0).in(Scope.COMMAND_SUBSTITUTION)).isTrue();
    }

    @Test
    void singleQuotesInsideDoubleQuotedParameterWordAreLiteral() {
        Word w = arg("echo \"${x:-it's}\"", 1);
        assertThat(w.value()).isEqualTo("${x:-it's}");
    }

    @Test
    void commandSubstitutionIsParsed() {
        Word w = arg("echo \"v=$(cat /etc/os-release | grep VERSION)\"", 1);
        assertThat(w.hasExpansion()).isTrue();
        assertThat(w.value()).isEqualTo("v=$(cat /etc/os-release | grep VERSION)");
        DoubleQuoted d = (DoubleQuoted) w.parts().get(0);
        CommandSubstitution c = (CommandSubstitution) d.parts().get(1);
        assertThat(c.backquoted()).isFalse();
        assertThat(c.body().items().get(0).pipelines().get(0).commands()).hasSize(2);
        assertThat(c.span().startColumn()).isEqualTo(9);
    }

    @Test
    void backquotesAreParsedWithTheirEscapes() {
        ShellScript script = Snippets.script("echo `echo \\`date\\` \\$HOME`");
        assertThat(script.problems()).isEmpty();
        assertThat(script.commands()).extracting(Command::name).containsExactly("date", "echo", "echo");
        Command date = script.commands().get(0);
        assertThat(date.span().startColumn()).isEqualTo(14);
        assertThat(script.commands().get(1).arguments().get(1).value()).isEqualTo("$HOME");
    }

    @Test
    void arithmeticExpansion() {
        Word w = arg("echo $(( (1 + $n) * 2 ))", 1);
        assertThat(w.parts()).singleElement().isInstanceOfSatisfying(ArithmeticExpansion.class, a -> {
            assertThat(a.expression()).isEqualTo(" (1 + $n) * 2 ");
            assertThat(a.expansions()).singleElement().isInstanceOf(ParamExpansion.class);
        });
    }

    @Test
    void dollarDoubleParenThatIsASubshellInASubstitution() {
        ShellScript script = Snippets.script("echo $((cd /x && ls) | wc -l)");
        assertThat(script.problems()).isEmpty();
        assertThat(script.commands()).extracting(Command::name).containsExactly("cd", "ls", "wc", "echo");
    }

    @Test
    void processSubstitution() {
        ShellScript script = Snippets.script("diff <(sort a) >(cat)");
        assertThat(script.problems()).isEmpty();
        assertThat(script.commands()).extracting(Command::name).containsExactly("sort", "cat", "diff");
        Word w = script.commands().get(2).arguments().get(0);
        assertThat(w.parts()).singleElement().isInstanceOfSatisfying(ProcessSubstitution.class,
                p -> assertThat(p.input()).isTrue());
        assertThat(script.commands().get(0).in(Scope.PROCESS_SUBSTITUTION)).isTrue();
    }

    @Test
    void globsStayText() {
        assertThat(arg("rm -rf /var/lib/apt/lists/*", 2).hasUnquotedGlob()).isTrue();
        assertThat(arg("rm -rf /var/lib/apt/lists/*", 2).literal()).contains("/var/lib/apt/lists/*");
        assertThat(arg("ls file?.txt", 1).hasUnquotedGlob()).isTrue();
        assertThat(arg("ls [ab].txt", 1).hasUnquotedGlob()).isTrue();
        assertThat(arg("ls '*.txt'", 1).hasUnquotedGlob()).isFalse();
        assertThat(arg("ls \\*.txt", 1).hasUnquotedGlob()).isFalse();
        assertThat(arg("[ -f x ]", 0).hasUnquotedGlob()).isFalse();
        assertThat(arg("echo {a,b}", 1).literal()).contains("{a,b}");
        assertThat(arg("echo ~/x", 1).literal()).contains("~/x");
    }

    @Test
    void extendedGlob() {
        Word w = arg("rm -rf !(keep|this)", 2);
        assertThat(w.literal()).contains("!(keep|this)");
        assertThat(w.hasUnquotedGlob()).isTrue();
        assertThat(arg("ls @(a|b).txt", 1).literal()).contains("@(a|b).txt");
    }

    @Test
    void lineContinuationInsideAWordDisappears() {
        Word w = arg("echo ab\\\ncd", 1);
        assertThat(w.literal()).contains("abcd");
        assertThat(w.raw()).isEqualTo("ab\\\ncd");
        assertThat(w.span().endLine()).isEqualTo(2);
        assertThat(arg("echo \"ab\\\ncd\"", 1).literal()).contains("abcd");
        assertThat(arg("echo 'ab\\\ncd'", 1).literal()).contains("ab\\\ncd");
    }

    @Test
    void commentsStartOnlyAtWordStart() {
        assertThat(words("echo a # b c")).extracting(Word::raw).containsExactly("echo", "a");
        assertThat(words("echo a#b")).extracting(Word::raw).containsExactly("echo", "a#b");
        assertThat(words("echo $# '#'")).extracting(Word::raw).containsExactly("echo", "$#", "'#'");
    }

    @Test
    void assignments() {
        Word w = arg("A=1 B+=x c[2]=y D= E=\"$F g\" cmd", 0);
        ShellScript script = Snippets.script("A=1 B+=x c[2]=y D= E=\"$F g\" cmd");
        List<Assignment> as = script.commands().get(0).node().assignments();
        assertThat(as).extracting(Assignment::name).containsExactly("A", "B", "c", "D", "E");
        assertThat(as.get(0).value().literal()).contains("1");
        assertThat(as.get(1).append()).isTrue();
        assertThat(as.get(2).index()).isEqualTo("2");
        assertThat(as.get(3).value().literal()).contains("");
        assertThat(as.get(4).value().value()).isEqualTo("$F g");
        assertThat(as.get(4).value().hasExpansion()).isTrue();
        assertThat(as.get(4).span().startColumn()).isEqualTo(20);
        assertThat(w.raw()).isEqualTo("cmd");
        assertThat(script.commands().get(0).name()).isEqualTo("cmd");
    }

    @Test
    void arrayAssignment() {
        ShellScript script = Snippets.script("pkgs=(curl \"git\" $X)\ndeclare -a more=(a b)");
        assertThat(script.problems()).isEmpty();
        Assignment a = script.commands().get(0).node().assignments().get(0);
        assertThat(a.isArray()).isTrue();
        assertThat(a.elements()).extracting(Word::value).containsExactly("curl", "git", "$X");
        Word declared = script.commands().get(1).arguments().get(1);
        assertThat(declared.asAssignment()).hasValueSatisfying(b -> assertThat(b.elements()).hasSize(2));
    }

    @Test
    void wordsAfterTheCommandNameAreNotAssignments() {
        ShellScript script = Snippets.script("make CC=gcc install");
        Command make = script.commands().get(0);
        assertThat(make.node().assignments()).isEmpty();
        assertThat(make.arguments()).hasSize(2);
        assertThat(make.arguments().get(0).asAssignment()).hasValueSatisfying(a -> assertThat(a.name()).isEqualTo("CC"));
        assertThat(arg("echo --opt=x", 1).asAssignment()).isEmpty();
        assertThat(arg("echo 'A'=1", 1).asAssignment()).isEmpty();
    }
}
