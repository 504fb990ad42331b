package dev.drydock.core.dotenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DotEnvParserTest {

    private static Map<String, String> values(String text) {
        return DotEnvParser.parse(SourceFile.of(".env", text), Map.of("FROM_ENV", "outer")::get).values();
    }

    @Test
    void plainAssignmentsCommentsAndBlankLines() {
        assertThat(values("# comment\n\nA=1\n  B = two  \nexport C=3\nD: yaml style\n"))
                .containsExactly(Map.entry("A", "1"), Map.entry("B", "two"), Map.entry("C", "3"), Map.entry("D", "yaml style"));
    }

    @Test
    void inlineCommentsNeedASpaceBeforeTheHash() {
        assertThat(values("A=b#c\nB=b #c\nC=b\t#c\nD='q' # after quote\n"))
                .containsEntry("A", "b#c").containsEntry("B", "b").containsEntry("C", "b\t#c").containsEntry("D", "q");
    }

    @Test
    void singleQuotesAreLiteral() {
        assertThat(values("A='${FROM_ENV} \\n $x'\nB='it\\'s'\n"))
                .containsEntry("A", "${FROM_ENV} \\n $x").containsEntry("B", "it's");
    }

    @Test
    void doubleQuotesExpandEscapesAndVariables() {
        assertThat(values("A=\"line1\\nline2\\t\\\"q\\\" \\\\ \\$HOME ${FROM_ENV}\"\nB=\"\\0101\\x\"\n"))
                .containsEntry("A", "line1\nline2\t\"q\" \\ $HOME outer")
                .containsEntry("B", "A\\x");
    }

    @Test
    void doubleQuotedValuesSpanLines() {
        DotEnvFile f = DotEnvParser.parse(SourceFile.of(".env", "KEY=\"-----BEGIN\nabc\n-----END\"\nNEXT=1\n"));
        assertThat(f.values()).containsEntry("KEY", "-----BEGIN\nabc\n-----END").containsEntry("NEXT", "1");
        assertThat(f.entry("NEXT").orElseThrow().keySpan().startLine()).isEqualTo(4);
    }

    @Test
    void unquotedValuesInterpolateEarlierValuesThenTheEnvironment() {
        assertThat(values("A=x\nB=${A}-${FROM_ENV}-${NONE:-dflt}\nC=$$A\n"))
                .containsEntry("B", "x-outer-dflt").containsEntry("C", "$A");
    }

    @Test
    void keyAloneIsInheritedOrLeftUnset() {
        DotEnvFile f = DotEnvParser.parse(SourceFile.of(".env", "FROM_ENV\nNOT_THERE\nLAST"),
                Map.of("FROM_ENV", "v", "LAST", "l")::get);
        assertThat(f.values()).containsExactly(Map.entry("FROM_ENV", "v"), Map.entry("LAST", "l"));
        assertThat(f.entries()).hasSize(3);
        assertThat(f.entries().get(1).inherited()).isTrue();
        assertThat(f.entries().get(1).value()).isNull();
    }

    @Test
    void emptyValuesAndCrlf() {
        assertThat(values("A=\r\nB=x\r\nC=\"\"\r\n")).containsEntry("A", "").containsEntry("B", "x").containsEntry("C", "");
    }

    @Test
    void entriesKnowWhereKeyAndValueAre() {
        SourceFile file = SourceFile.of(".env", "# x\nexport SECRET_KEY=\"s3cr3t\" # note\n");
        DotEnvEntry e = DotEnvParser.parse(file).entries().get(0);
        assertThat(e.exported()).isTrue();
        assertThat(file.text(e.keySpan())).isEqualTo("SECRET_KEY");
        assertThat(file.text(e.valueSpan())).isEqualTo("\"s3cr3t\"");
        assertThat(e.valueSpan().startLine()).isEqualTo(2);
        assertThat(e.valueSpan().startColumn()).isEqualTo(19);
        assertThat(e.quote()).isEqualTo('"');
        assertThat(file.text(e.span())).isEqualTo("export SECRET_KEY=\"s3cr3t\"");
    }

    @Test
    void substitutionsArePositioned() {
        SourceFile file = SourceFile.of(".env", "A=pre${B:-dflt}\n");
        DotEnvEntry e = DotEnvParser.parse(file).entries().get(0);
        assertThat(e.substitutions()).hasSize(1);
        assertThat(file.text(e.substitutionSpan(e.substitutions().get(0), file))).isEqualTo("${B:-dflt}");
    }

    @Test
    void errorsArePositioned() {
        assertThatThrownBy(() -> values("A=1\nBAD KEY=2\n")).isInstanceOf(SourceException.class)
                .hasMessage(".env:2:1: key cannot contain a space");
        assertThatThrownBy(() -> values("A=1\nB$=2\n")).isInstanceOf(SourceException.class)
                .hasMessageStartingWith(".env:2:2: unexpected character \"$\" in variable name");
        assertThatThrownBy(() -> values("A=\"open\nB=2\n")).isInstanceOf(SourceException.class)
                .hasMessageStartingWith(".env:1:3: unterminated quoted value");
        assertThatThrownBy(() -> values("A=${B:?needed}\n")).isInstanceOf(SourceException.class)
                .hasMessage(".env:1:3: required variable B is missing a value: needed");
    }

    @Test
    void byteOrderMarkIsSkipped() {
        assertThat(values("\uFEFFA=1\n")).containsExactly(Map.entry("A", "1"));
    }

    @Test
    void keysMayHoldDotsDashesAndBrackets() {
        assertThat(values("a.b-c[0]=x\n")).containsEntry("a.b-c[0]", "x");
    }
}
