package dev.drydock.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.shell.CommandNode.ArithmeticCommand;
import dev.drydock.core.shell.CommandNode.BraceGroup;
import dev.drydock.core.shell.CommandNode.CaseClause;
import dev.drydock.core.shell.CommandNode.ForClause;
import dev.drydock.core.shell.CommandNode.FunctionDefinition;
import dev.drydock.core.shell.CommandNode.IfClause;
import dev.drydock.core.shell.CommandNode.SimpleCommand;
import dev.drydock.core.shell.CommandNode.Subshell;
import dev.drydock.core.shell.CommandNode.TestCommand;
import dev.drydock.core.shell.CommandNode.WhileClause;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The syntax tree: lists, and-or lists, pipelines, redirections, heredocs and compound commands. */
class ParserTest {

    static StatementList parse(String script) {
        ShellScript parsed = Snippets.script(script);
        assertThat(parsed.problems()).as("problems in %s", script).isEmpty();
        return parsed.body();
    }

    static CommandNode only(String script) {
        StatementList list = parse(script);
        assertThat(list.items()).hasSize(1);
        assertThat(list.items().get(0).pipelines()).hasSize(1);
        assertThat(list.items().get(0).pipelines().get(0).commands()).hasSize(1);
        return list.items().get(0).pipelines().get(0).commands().get(0);
    }

    static List<String> names(StatementList list) {
        return Snippets.script(list.toString()).commands().stream().map(Command::name).toList();
    }

    @Test
    void listsAndOrsAndSeparators() {
        StatementList list = parse("a && b || c; d &\ne");
        assertThat(list.items()).hasSize(3);
        AndOrList first = list.items().get(0);
        assertThat(first.pipelines()).hasSize(3);
        assertThat(first.operators()).containsExactly(Operator.AND, Operator.OR);
        assertThat(first.separator()).isEqualTo(Operator.SEMICOLON);
        assertThat(first.span().startColumn()).isEqualTo(1);
        assertThat(first.span().endColumn()).isEqualTo(12);
        assertThat(list.items().get(1).separator()).isEqualTo(Operator.BACKGROUND);
        assertThat(list.items().get(1).background()).isTrue();
        assertThat(list.items().get(2).separator()).isNull();
        assertThat(list.span().endLine()).isEqualTo(2);
    }

    @Test
    void operatorsMayBeFollowedByNewlines() {
        StatementList list = parse("a &&\n  b ||\n\n c |\n d");
        assertThat(list.items()).hasSize(1);
        assertThat(list.items().get(0).pipelines()).hasSize(3);
        assertThat(list.items().get(0).pipelines().get(2).commands()).hasSize(2);
    }

    @Test
    void pipelines() {
        Pipeline p = parse("! a | b |& c").items().get(0).pipelines().get(0);
        assertThat(p.negated()).isTrue();
        assertThat(p.commands()).hasSize(3);
        assertThat(p.operators()).containsExactly(Operator.PIPE, Operator.PIPE_ALL);
        assertThat(p.span().startColumn()).isEqualTo(1);
    }

    @Test
    void redirections() {
        SimpleCommand c = (SimpleCommand) only(
                "cmd >out 2>&1 <in >>app &>all &>>both 3<>rw >|clob {fd}>x 2>/dev/null >&- <&3");
        List<Redirect> r = c.redirects();
        assertThat(r).extracting(Redirect::operator).containsExactly(RedirectOperator.OUT, RedirectOperator.DUP_OUT,
                RedirectOperator.IN, RedirectOperator.APPEND, RedirectOperator.OUT_ALL, RedirectOperator.APPEND_ALL,
                RedirectOperator.READ_WRITE, RedirectOperator.CLOBBER, RedirectOperator.OUT, RedirectOperator.OUT,
                RedirectOperator.DUP_OUT, RedirectOperator.DUP_IN);
        assertThat(r).extracting(Redirect::fd).containsExactly(null, "2", null, null, null, null, "3", null, "{fd}",
                "2", null, null);
        assertThat(r).extracting(x -> x.target().value()).containsExactly("out", "1", "in", "app", "all", "both", "rw",
                "clob", "x", "/dev/null", "-", "3");
        assertThat(r.get(1).span().startColumn()).isEqualTo(10);
        assertThat(r.get(1).span().endColumn()).isEqualTo(14);
        assertThat(r.get(0).effectiveFd()).isEqualTo("1");
        assertThat(r.get(2).effectiveFd()).isEqualTo("0");
        assertThat(c.words()).extracting(Word::raw).containsExactly("cmd");
    }

    @Test
    void redirectionsMayComeFirstOrBetweenWords() {
        SimpleCommand c = (SimpleCommand) only(">log 2>&1 echo a >x b");
        assertThat(c.words()).extracting(Word::raw).containsExactly("echo", "a", "b");
        assertThat(c.redirects()).hasSize(3);
        assertThat(c.span().startColumn()).isEqualTo(1);
        assertThat(c.span().endColumn()).isEqualTo(22);
    }

    @Test
    void digitsNotTouchingTheOperatorAreAWord() {
        SimpleCommand c = (SimpleCommand) only("echo 2 >x");
        assertThat(c.words()).extracting(Word::raw).containsExactly("echo", "2");
        assertThat(c.redirects().get(0).fd()).isNull();
    }

    @Test
    void hereDocument() {
        StatementList list = parse("cat <<EOF >/etc/conf\nuser=$USER\nid=$(id -u)\nEOF\necho done");
        assertThat(list.items()).hasSize(2);
        SimpleCommand cat = (SimpleCommand) list.items().get(0).pipelines().get(0).commands().get(0);
        Redirect r = cat.redirects().get(0);
        assertThat(r.operator()).isEqualTo(RedirectOperator.HEREDOC);
        HereDoc doc = r.hereDoc();
        assertThat(doc.delimiter()).isEqualTo("EOF");
        assertThat(doc.quoted()).isFalse();
        assertThat(doc.terminated()).isTrue();
        assertThat(doc.body().value()).isEqualTo("user=$USER\nid=$(id -u)\n");
        assertThat(doc.body().hasExpansion()).isTrue();
        assertThat(doc.bodySpan().startLine()).isEqualTo(2);
        assertThat(doc.bodySpan().endLine()).isEqualTo(3);
        assertThat(cat.span().endLine()).isEqualTo(1);
        assertThat(cat.redirects().get(1).target().value()).isEqualTo("/etc/conf");
        ShellScript script = Snippets.script("cat <<EOF >/etc/conf\nuser=$USER\nid=$(id -u)\nEOF\necho done");
        assertThat(script.commands()).extracting(Command::name).containsExactly("id", "cat", "echo");
        assertThat(script.commands().get(0).span().startLine()).isEqualTo(3);
        assertThat(script.commands().get(2).span().startLine()).isEqualTo(5);
    }

    @Test
    void quotedHereDocumentIsLiteral() {
        for (String opener : List.of("<<'EOF'", "<<\"EOF\"", "<<\\EOF", "<< 'EOF'", "<<E\"O\"F")) {
            SimpleCommand cat = (SimpleCommand) only("cat " + opener + "\n$HOME `x` \\$\nEOF");
            HereDoc doc = cat.redirects().get(0).hereDoc();
            assertThat(doc.quoted()).isTrue();
            assertThat(doc.delimiter()).isEqualTo("EOF");
            assertThat(doc.body().literal()).contains("$HOME `x` \\$\n");
        }
    }

    @Test
    void unquotedHereDocumentUnescapes() {
        SimpleCommand cat = (SimpleCommand) only("cat <<EOF\n\\$HOME \\\\ \\x \"q\" 'q'\nEOF");
        assertThat(cat.redirects().get(0).hereDoc().body().literal()).contains("$HOME \\ \\x \"q\" 'q'\n");
    }

    @Test
    void hereDocumentStrippingTabs() {
        SimpleCommand cat = (SimpleCommand) only("cat <<-EOF\n\t\tindented\n\tEOF");
        HereDoc doc = cat.redirects().get(0).hereDoc();
        assertThat(doc.stripTabs()).isTrue();
        assertThat(doc.body().value()).isEqualTo("indented\n");
        assertThat(doc.terminated()).isTrue();
    }

    @Test
    void twoHereDocumentsOnOneLineAndAPipe() {
        StatementList list = parse("cat <<A - <<B | grep x\na body\nA\nb body\nB\necho after");
        Pipeline p = list.items().get(0).pipelines().get(0);
        SimpleCommand cat = (SimpleCommand) p.commands().get(0);
        assertThat(cat.redirects().get(0).hereDoc().body().value()).isEqualTo("a body\n");
        assertThat(cat.redirects().get(1).hereDoc().body().value()).isEqualTo("b body\n");
        assertThat(p.commands()).hasSize(2);
        assertThat(list.items()).hasSize(2);
    }

    @Test
    void hereDocumentInsideCommandSubstitution() {
        ShellScript script = Snippets.script("x=$(cat <<EOF\nhi\nEOF\n)\necho $x");
        assertThat(script.problems()).isEmpty();
        assertThat(script.commands()).extracting(Command::name).containsExactly("cat", "", "echo");
    }

    @Test
    void hereDocumentWithCrLf() {
        SimpleCommand cat = (SimpleCommand) parse("cat <<EOF\r\nline\r\nEOF\r\n").items().get(0).pipelines().get(0)
                .commands().get(0);
        assertThat(cat.redirects().get(0).hereDoc().terminated()).isTrue();
    }

    @Test
    void hereString() {
        SimpleCommand c = (SimpleCommand) only("grep -q x <<< \"$VAR\"");
        assertThat(c.redirects().get(0).operator()).isEqualTo(RedirectOperator.HERESTRING);
        assertThat(c.redirects().get(0).target().value()).isEqualTo("$VAR");
    }

    @Test
    void ifElifElse() {
        IfClause c = (IfClause) only("if [ -f a ]; then echo a; elif test -d b\nthen echo b; else echo c; fi");
        assertThat(c.branches()).hasSize(2);
        assertThat(c.elseBody().items()).hasSize(1);
        assertThat(c.span().startColumn()).isEqualTo(1);
        assertThat(c.span().endLine()).isEqualTo(2);
        assertThat(c.span().endColumn()).isEqualTo(29);
    }

    @Test
    void whileAndUntil() {
        WhileClause w = (WhileClause) only("while read -r line; do echo \"$line\"; done < /etc/hosts");
        assertThat(w.until()).isFalse();
        assertThat(w.redirects()).singleElement().satisfies(r -> assertThat(r.target().value()).isEqualTo("/etc/hosts"));
        assertThat(((WhileClause) only("until false\ndo\n  :\ndone")).until()).isTrue();
    }

    @Test
    void forLoops() {
        ForClause f = (ForClause) only("for f in a \"b c\" $(ls); do echo $f; done");
        assertThat(f.variable()).isEqualTo("f");
        assertThat(f.items()).extracting(Word::value).containsExactly("a", "b c", "$(ls)");
        ForClause noIn = (ForClause) only("for arg\ndo echo $arg; done");
        assertThat(noIn.items()).isNull();
        ForClause semi = (ForClause) only("for arg; do :; done");
        assertThat(semi.items()).isNull();
        ForClause newlineIn = (ForClause) only("for x\nin 1 2\ndo :; done");
        assertThat(newlineIn.items()).hasSize(2);
        ForClause arithmetic = (ForClause) only("for ((i = 0; i < 3; i++)); do echo $i; done");
        assertThat(arithmetic.arithmetic()).isEqualTo("i = 0; i < 3; i++");
        assertThat(arithmetic.variable()).isNull();
        ForClause select = (ForClause) only("select x in a b; do break; done");
        assertThat(select.select()).isTrue();
    }

    @Test
    void caseClause() {
        CaseClause c = (CaseClause) only("case \"$1\" in\n  start|run) exec app;;\n  (stop) kill 1 ;&\n  *) ;;&\n  x) echo\nesac");
        assertThat(c.subject().value()).isEqualTo("$1");
        assertThat(c.items()).hasSize(4);
        assertThat(c.items().get(0).patterns()).extracting(Word::value).containsExactly("start", "run");
        assertThat(c.items().get(0).terminator()).isEqualTo(Operator.CASE_BREAK);
        assertThat(c.items().get(1).terminator()).isEqualTo(Operator.CASE_FALLTHROUGH);
        assertThat(c.items().get(2).terminator()).isEqualTo(Operator.CASE_CONTINUE);
        assertThat(c.items().get(2).body().isEmpty()).isTrue();
        assertThat(c.items().get(3).terminator()).isNull();
        assertThat(only("case x in esac")).isInstanceOf(CaseClause.class);
    }

    @Test
    void groupsAndSubshells() {
        BraceGroup g = (BraceGroup) only("{ echo a; echo b; } > /log 2>&1");
        assertThat(g.body().items()).hasSize(2);
        assertThat(g.redirects()).hasSize(2);
        Subshell s = (Subshell) only("(cd /x && make)");
        assertThat(s.body().items().get(0).pipelines()).hasSize(2);
        assertThat(only("((cd /x) && ls)")).isInstanceOf(Subshell.class);
    }

    @Test
    void braceNeedsBlanksToBeReserved() {
        SimpleCommand c = (SimpleCommand) only("echo {a,b} } {");
        assertThat(c.words()).extracting(Word::raw).containsExactly("echo", "{a,b}", "}", "{");
    }

    @Test
    void reservedWordsAreOrdinaryAsArguments() {
        SimpleCommand c = (SimpleCommand) only("echo if then fi done esac in");
        assertThat(c.words()).hasSize(7);
    }

    @Test
    void functionDefinitions() {
        FunctionDefinition f = (FunctionDefinition) parse("install_deps() {\n  apt-get update\n}\ninstall_deps")
                .items().get(0).pipelines().get(0).commands().get(0);
        assertThat(f.name()).isEqualTo("install_deps");
        assertThat(f.body()).isInstanceOf(BraceGroup.class);
        assertThat(f.span().endLine()).isEqualTo(3);
        FunctionDefinition k = (FunctionDefinition) only("function cleanup { rm -rf /tmp/*; }");
        assertThat(k.name()).isEqualTo("cleanup");
        FunctionDefinition both = (FunctionDefinition) only("function f() ( exit 1 )");
        assertThat(both.body()).isInstanceOf(Subshell.class);
        assertThat(only("f ( ) { :; }")).isInstanceOf(FunctionDefinition.class);
    }

    @Test
    void bashTestAndArithmeticCommands() {
        TestCommand t = (TestCommand) only("[[ -n $x && ( $y == a* || $z =~ ^v[0-9]+$ ) ]]");
        assertThat(t.words()).extracting(Word::raw).containsExactly("-n", "$x", "&&", "(", "$y", "==", "a*", "||",
                "$z", "=~", "^v[0-9]+$", ")");
        ArithmeticCommand a = (ArithmeticCommand) only("(( count += $n ))");
        assertThat(a.expression()).isEqualTo(" count += $n ");
        assertThat(a.expansions()).hasSize(1);
        StatementList list = parse("[[ -f x ]] && echo y || (( n++ ))");
        assertThat(list.items().get(0).pipelines()).hasSize(3);
    }

    @Test
    void nestedCompoundCommands() {
        ShellScript script = Snippets.script("""
                for d in /a /b; do
                  if [ -d "$d" ]; then
                    ( cd "$d" && { make || exit 1; } )
                  fi
                done
                """);
        assertThat(script.problems()).isEmpty();
        assertThat(script.commands()).extracting(Command::name).containsExactly("[", "cd", "make", "exit");
        assertThat(script.commands().get(2).scopes()).containsExactly(Scope.LOOP_BODY, Scope.IF_BRANCH, Scope.SUBSHELL,
                Scope.BRACE_GROUP);
    }

    @Test
    void windowsLineEndings() {
        ShellScript script = Snippets.script("apt-get update \\\r\n  && apt-get install -y x\r\nif true; then\r\n  echo ok\r\nfi\r\n");
        assertThat(script.problems()).isEmpty();
        assertThat(script.commands()).extracting(Command::name).containsExactly("apt-get", "apt-get", "true", "echo");
        assertThat(script.commands().get(1).argumentValues()).containsExactly("install", "-y", "x");
        assertThat(script.commands().get(1).span().startLine()).isEqualTo(2);
    }

    @Test
    void emptyAndBlankScripts() {
        assertThat(parse("").isEmpty()).isTrue();
        assertThat(parse("  \n\t\n # only a comment\n").isEmpty()).isTrue();
        assertThat(parse("\\\n").isEmpty()).isTrue();
    }
}
