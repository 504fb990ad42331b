package dev.drydock.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Large inputs: the parser is linear (each character is scanned a bounded number of times), so these
 * run in milliseconds. No timing is asserted; a quadratic regression shows up as a slow suite.
 */
class LargeScriptTest {

    @Test
    void thousandChainedCommands() {
        String text = "apt-get install -y --no-install-recommends pkg \\\n  && ".repeat(1000) + "rm -rf /var/lib/apt/lists/*";
        ShellScript script = Snippets.script(text);
        assertThat(script.problems()).isEmpty();
        List<Command> cs = script.commands();
        assertThat(cs).hasSize(1001);
        assertThat(cs.get(999).precededBy()).isEqualTo(Connector.AND);
        assertThat(cs.get(999).span().startLine()).isEqualTo(1000);
        assertThat(cs.get(1000).name()).isEqualTo("rm");
        assertThat(script.body().items()).singleElement().satisfies(a -> assertThat(a.pipelines()).hasSize(1001));
    }

    @Test
    void manyStatementsPipesAndSubstitutions() {
        assertThat(Snippets.script("a | ".repeat(20_000) + "b").commands()).hasSize(20_001);
        assertThat(Snippets.script("echo $(date) \"$X\" ${Y:-z} `id`; ".repeat(10_000)).commands()).hasSize(30_000);
        assertThat(Snippets.script("cat <<EOF\nbody $x\nEOF\n".repeat(10_000)).commands()).hasSize(10_000);
        assertThat(Snippets.script("sh -c 'a && b'; ".repeat(10_000)).commands()).hasSize(30_000);
        assertThat(Snippets.script("case x in " + "a) b;; ".repeat(10_000) + "esac").commands()).hasSize(10_000);
        assertThat(Snippets.script("echo " + "x".repeat(1_000_000)).commands()).hasSize(1);
    }

    @Test
    void largeBrokenInputs() {
        assertThat(Snippets.script("fi done esac } ".repeat(20_000)).problems()).hasSize(80_000);
        assertThat(Snippets.script("cat <<EOF\n".repeat(20_000)).problems()).hasSize(1);
        assertThat(Snippets.script("$((".repeat(20_000)).problems()).isNotEmpty();
        assertThat(Snippets.script("(".repeat(20_000)).problems()).isNotEmpty();
        assertThat(Snippets.script("echo ' ".repeat(20_001)).problems()).hasSize(1);
    }
}
