package dev.drydock.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PyLexerTest {

    @Test
    void joinsBracketedContinuationsAndKeepsTheirLines() {
        List<PyLexer.Statement> s = PyLexer.statements("""
                x = call(
                    a,  # a comment
                    b,
                )
                y = 2
                """);
        assertThat(s).hasSize(2);
        assertThat(s.get(0).text()).isEqualTo("x = call(     a,       b, )");
        assertThat(s.get(0).line()).isEqualTo(1);
        assertThat(s.get(0).endLine()).isEqualTo(4);
        assertThat(s.get(0).lineAt(s.get(0).text().indexOf('b'))).isEqualTo(3);
        assertThat(s.get(1).line()).isEqualTo(5);
    }

    @Test
    void dropsCommentsButNotHashesInStrings() {
        List<PyLexer.Statement> s = PyLexer.statements("url = 'http://x/#frag'  # trailing\n# whole line\n");
        assertThat(s).extracting(PyLexer.Statement::text).containsExactly("url = 'http://x/#frag'");
    }

    @Test
    void readsTripleQuotedStringsAndIndentation() {
        List<PyLexer.Statement> s = PyLexer.statements("def f():\n    \"\"\"Doc\n    more.\"\"\"\n    return 1\n");
        assertThat(s).extracting(PyLexer.Statement::indent).containsExactly(0, 4, 4);
        assertThat(s.get(2).text()).isEqualTo("return 1");
        assertThat(s.get(2).line()).isEqualTo(4);
    }

    @Test
    void splitsSemicolonsAndBackslashContinuations() {
        List<PyLexer.Statement> s = PyLexer.statements("a = 1; b = 2\nc = 1 + \\\n    2\n");
        assertThat(s).extracting(PyLexer.Statement::text).containsExactly("a = 1", "b = 2", "c = 1 +      2");
    }

    @Test
    void recoversFromAnUnclosedBracketAtTheNextDefinition() {
        List<PyLexer.Statement> s = PyLexer.statements("x = call(\n\ndef g():\n    return 2\n");
        assertThat(s).extracting(PyLexer.Statement::text).contains("def g():", "return 2");
    }
}
