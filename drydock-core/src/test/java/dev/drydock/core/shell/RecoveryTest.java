package dev.drydock.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Syntax errors become positioned problems; parsing goes on and the rest of the script is still read. */
class RecoveryTest {

    static ShellScript parse(String script) {
        return Snippets.script(script);
    }

    static List<String> names(ShellScript script) {
        return script.commands().stream().map(Command::name).toList();
    }

    /** script | part of the message | line:column of the problem | names of the commands still read, - for none */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "echo \"abc; ls                 | unterminated double-quoted string | 1:6  | echo",
        "echo 'abc; ls                  | unterminated single-quoted string | 1:6  | echo",
        "echo $'abc                     | unterminated $'                   | 1:6  | echo",
        "echo `date                     | unterminated backquote            | 1:6  | date,echo",
        "echo $(date; ls                | unterminated '$('                 | 1:6  | date,ls,echo",
        "echo ${HOME                    | unterminated parameter expansion  | 1:6  | echo",
        "echo $((1 + 2                  | unterminated '$(('                | 1:6  | echo",
        "fi; echo after                 | unexpected 'fi'                   | 1:1  | echo",
        "done                           | unexpected 'done'                 | 1:1  | -",
        "esac; }                        | unexpected 'esac'                 | 1:1  | -",
        "then echo x                    | unexpected 'then'                 | 1:1  | echo",
        "echo a; ) ; echo b             | unexpected ')'                    | 1:9  | echo,echo",
        "if true; then echo x           | missing 'fi'                      | 1:1  | true,echo",
        "if true; echo x; fi            | missing 'then'                    | 1:1  | true,echo",
        "if; then echo; fi              | expected a condition              | 1:1  | echo",
        "for x in a b; do echo $x       | missing 'done'                    | 1:1  | echo",
        "for x in a b; echo $x; done    | missing 'do'                      | 1:1  | echo",
        "while true; do echo            | missing 'done'                    | 1:1  | true,echo",
        "case $x in a) echo a;;         | missing 'esac'                    | 1:1  | echo",
        "case $x a) echo; esac          | missing 'in'                      | 1:1  | echo",
        "{ echo a; echo b               | missing '}'                       | 1:1  | echo,echo",
        "( echo a                       | missing ')'                       | 1:1  | echo",
        "echo a &&                      | expected a command after '&&'     | 1:8  | echo",
        "&& echo a                      | expected a command before '&&'    | 1:1  | echo",
        "~echo a | | echo b~            | ~expected a command after '|'~    | 1:8  | echo,echo",
        "echo a ;; echo b               | unexpected ';;'                   | 1:8  | echo,echo",
        "~echo a || ; echo b~           | ~expected a command after '||'~   | 1:8  | echo,echo",
        "echo > ; echo b                | expected a word after '>'         | 1:6  | echo,echo",
        "cat <<EOF                      | here-document delimiter 'EOF' not found | 1:5 | cat",
        "echo a (b)                     | expected ';' or a newline before '(' | 1:8 | echo,b",
        "echo (b)                       | unexpected '('                    | 1:6  | echo,b",
        "! ; echo                       | expected a command after '!'      | 1:1  | echo",
        "f() ; echo                     | expected a body                   | 1:1  | echo",
        "echo ${}                       | bad substitution                  | 1:6  | echo",
        "if true; then x; done; fi      | unexpected 'done'                 | 1:18 | true,x",
        "[[ -f x                        | missing ']]'                      | 1:1  | -",
    })
    void recovers(String script, String message, String position, String commands) {
        ShellScript parsed = parse(script.strip());
        assertThat(parsed.problems()).as("problems of %s", script).isNotEmpty();
        ShellProblem problem = parsed.problems().stream()
                .filter(p -> p.message().contains(message))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no '" + message + "' in " + parsed.problems()));
        assertThat(problem.span().startLine() + ":" + problem.span().startColumn()).isEqualTo(position.strip());
        List<String> expected = commands.strip().equals("-") ? List.of() : List.of(commands.strip().split(","));
        assertThat(names(parsed)).isEqualTo(expected);
    }

    @Test
    void missingCloserIsReportedAtTheOpenerAndTheEnclosingConstructStillCloses() {
        ShellScript script = parse("for x in a; do\n  if y; then\n    z\ndone\necho after");
        assertThat(script.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("missing 'fi'");
            assertThat(p.span().startLine()).isEqualTo(2);
            assertThat(p.span().startColumn()).isEqualTo(3);
        });
        assertThat(names(script)).containsExactly("y", "z", "echo");
        assertThat(script.commands().get(2).scopes()).isEmpty();
    }

    @Test
    void substitutionsDontInheritOuterClosers() {
        ShellScript script = parse("if x=$(fi); then echo; fi");
        assertThat(script.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("unexpected 'fi'"));
        assertThat(names(script)).containsExactly("", "echo");
    }

    @Test
    void missingSeparatorBetweenCommands() {
        ShellScript script = parse("if true; then echo; fi echo b");
        assertThat(script.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("expected ';' or a newline before 'echo'"));
        assertThat(names(script)).containsExactly("true", "echo", "echo");
    }

    @Test
    void deepNestingIsCutOffWithoutException() {
        String deep = "echo " + "$(".repeat(5000) + "x" + ")".repeat(5000);
        ShellScript script = parse(deep);
        assertThat(script.problems()).anySatisfy(p -> assertThat(p.message()).contains("nested too deeply"));
        assertThat(script.problems()).noneMatch(p -> p.message().startsWith("could not analyse"));
        String quotes = "echo " + "\"$(".repeat(3000);
        assertThat(parse(quotes).problems()).noneMatch(p -> p.message().startsWith("could not analyse"));
        String compounds = "if ".repeat(3000) + "true";
        assertThat(parse(compounds).problems()).noneMatch(p -> p.message().startsWith("could not analyse"));
        String subshells = "(".repeat(3000);
        assertThat(parse(subshells).problems()).noneMatch(p -> p.message().startsWith("could not analyse"));
        String braces = "echo " + "${x:-".repeat(3000);
        assertThat(parse(braces).problems()).noneMatch(p -> p.message().startsWith("could not analyse"));
    }

    @Test
    void hereDocumentOpenedInsideAnotherHereDocumentsBody() {
        ShellScript script = parse("cat <<A\n$(cat <<B)\nA\necho after");
        assertThat(script.problems()).anySatisfy(p -> assertThat(p.message()).contains("'B' not found"));
        Redirect inner = script.commands().get(0).redirects().get(0);
        assertThat(inner.hereDoc().body()).isNotNull();
        assertThat(names(script)).containsExactly("cat", "cat", "echo");
    }

    @Test
    void problemsAreInFileOrder() {
        ShellScript script = parse("echo 'a\necho \"b");
        assertThat(script.problems()).hasSize(1);
        ShellScript two = parse("fi\ndone\necho $(");
        assertThat(two.problems()).extracting(p -> p.span().startLine()).containsExactly(1, 2, 3);
    }

    @Test
    void problemsBecomeDiagnostics() {
        ShellScript script = parse("echo \"x");
        assertThat(script.diagnostics(dev.drydock.core.source.Diagnostic.Level.WARNING)).singleElement()
                .satisfies(d -> {
                    assertThat(d.path()).isEqualTo("script.sh");
                    assertThat(d.line()).isEqualTo(1);
                    assertThat(d.column()).isEqualTo(6);
                    assertThat(d.message()).startsWith("unterminated double-quoted string");
                });
    }
}
