package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RulesCommandTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void listsEveryRuleWithSeverityAndTitle() {
        String[] run = run("rules");
        assertThat(run[0]).isEqualTo("0");
        assertThat(run[1]).contains("runs-as-root").contains("critical").contains("Container runs as root");
    }

    @Test
    void explainsARuleFoundByAnAlias() {
        String[] run = run("rules", "DL3002");
        assertThat(run[1]).startsWith("runs-as-root: Container runs as root").contains("Recommendation:");
    }

    @Test
    void anUnknownRuleIsAnInputError() {
        String[] run = run("rules", "no-such-rule");
        assertThat(run[0]).isEqualTo("2");
        assertThat(run[2]).contains("no-such-rule: no rule has this id or alias");
    }
}
