package dev.drydock.core.dockerfile.syntax;

import static dev.drydock.core.dockerfile.syntax.Parsing.only;
import static dev.drydock.core.dockerfile.syntax.Parsing.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.source.SourceException;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeredocTest {

    @Test
    void aHeredocBodyBelongsToItsInstruction() {
        Dockerfile dockerfile = parse("FROM a\nRUN <<EOF\necho hi\n# not a comment\nEOF\nCMD x\n");
        assertThat(dockerfile.instructions()).hasSize(3);
        Instruction run = dockerfile.instructions().get(1);
        Heredoc heredoc = run.heredocs().get(0);
        assertThat(heredoc.name()).isEqualTo("EOF");
        assertThat(heredoc.body().text()).isEqualTo("echo hi\n# not a comment\n");
        assertThat(heredoc.expand()).isTrue();
        assertThat(heredoc.stripTabs()).isFalse();
        assertThat(heredoc.fileDescriptor()).isEmpty();
        assertThat(heredoc.marker().toString()).isEqualTo("2:5-2:10");
        assertThat(heredoc.span().toString()).isEqualTo("3:1-5:4");
        assertThat(heredoc.terminator().toString()).isEqualTo("5:1-5:4");
        assertThat(run.span().toString()).isEqualTo("2:1-5:4");
        assertThat(run.startLine()).isEqualTo(2);
        assertThat(run.endLine()).isEqualTo(5);
        assertThat(((ShellForm) run.arguments()).text()).isEqualTo("<<EOF");
        // the body is not made of comments
        assertThat(dockerfile.comments()).isEmpty();
        // each body character maps to the file
        int hi = heredoc.body().text().indexOf("hi");
        assertThat(heredoc.body().fileSpan(hi, hi + 2).toString()).isEqualTo("3:6-3:8");
    }

    @Test
    void dashStripsLeadingTabsFromBodyAndTerminator() {
        Heredoc heredoc = only("RUN <<-END\n\t\techo a\n\t  b\n\tEND\n").heredocs().get(0);
        assertThat(heredoc.stripTabs()).isTrue();
        assertThat(heredoc.body().text()).isEqualTo("\t\techo a\n\t  b\n");
        assertThat(heredoc.content().text()).isEqualTo("echo a\n  b\n");
        int b = heredoc.content().text().indexOf('b');
        assertThat(heredoc.content().fileSpan(b, b + 1).toString()).isEqualTo("3:4-3:5");
        // without the dash, an indented terminator is body text
        assertThatThrownBy(() -> parse("RUN <<END\n\tEND\n"))
                .hasMessage("Dockerfile:1:5: unterminated heredoc");
    }

    @Test
    void quotingTheNameTurnsExpansionOff() {
        assertThat(only("RUN <<'EOF'\n$HOME\nEOF").heredocs().get(0).expand()).isFalse();
        assertThat(only("RUN <<\"EOF\"\n$HOME\nEOF").heredocs().get(0).expand()).isFalse();
        assertThat(only("RUN <<E\"O\"F\n$HOME\nEOF").heredocs().get(0)).extracting(Heredoc::name, Heredoc::expand)
                .containsExactly("EOF", false);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "RUN <<EMPTY\\nEMPTY|EMPTY|true|false|",
        "RUN 3<<EMPTY2\\nEMPTY2|EMPTY2|true|false|3",
        "RUN <<-EXPAND\\n\\texpand $NAME\\nEXPAND|EXPAND|true|true|",
        "RUN <<-'NOEXPAND'\\n\\tdon't expand $NAME\\nNOEXPAND|NOEXPAND|false|true|",
        "COPY <<file.txt /dest\\nhello world\\nfile.txt|file.txt|true|false|",
        "RUN <<eo'f'\\necho foo\\neof|eof|false|false|",
        "RUN <<eo\\'f\\necho foo\\neo'f|eo'f|true|false|",
        "RUN <<'e'o\\'f\\necho foo\\neo'f|eo'f|false|false|",
        "RUN <<'one two'\\necho bar\\none two|one two|false|false|",
        "RUN <<$EOF\\n$EOF|$EOF|true|false|",
        "RUN <<  EOF\\nEOF|EOF|true|false|",
        "RUN <<  EOF  > foo\\nEOF|EOF|true|false|",
        "RUN << -EOF\\n-EOF|-EOF|true|false|",
        "RUN --mount=type=cache,target=/foo <<MOUNT\\necho hello\\nMOUNT|MOUNT|true|false|",
        "RUN <<COMPLEX python3\\nprint('hello world')\\nCOMPLEX|COMPLEX|true|false|",
    })
    void heredocNamesAndOptionsFollowBuildkit(String source, String name, boolean expand, boolean strip, Long fd) {
        Instruction instruction = only(source.replace("\\n", "\n").replace("\\t", "\t"));
        assertThat(instruction.heredocs()).hasSize(1);
        Heredoc heredoc = instruction.heredocs().get(0);
        assertThat(heredoc.name()).isEqualTo(name);
        assertThat(heredoc.expand()).isEqualTo(expand);
        assertThat(heredoc.stripTabs()).isEqualTo(strip);
        assertThat(heredoc.fileDescriptor()).isEqualTo(fd == null ? OptionalLong.empty() : OptionalLong.of(fd));
    }

    @Test
    void severalHeredocsOnOneLineAreReadInOrder() {
        Instruction copy = only("COPY <<X <<Y /dest\nY\nX\nX\nY\n");
        assertThat(copy.heredocs()).extracting(Heredoc::name, h -> h.body().text())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("X", "Y\n"),
                        org.assertj.core.groups.Tuple.tuple("Y", "X\n"));
        assertThat(copy.heredocs()).extracting(h -> h.marker().toString()).containsExactly("1:6-1:9", "1:10-1:13");
        assertThat(((WordList) copy.arguments()).values()).containsExactly("<<X", "<<Y", "/dest");
        assertThat(copy.span().toString()).isEqualTo("1:1-5:2");
    }

    @Test
    void notEveryLessLessIsAHeredoc() {
        // quoted, inside JSON, glued to a word, on an instruction that takes none, or a lexing error on the line
        List<String> sources = List.of("RUN \"<<EOF\"", "RUN ['<<EOF']", "RUN [\"<<EOF\"]", "RUN cat<<EOF",
                "USER <<EOF", "RUN <<EOF echo 'unterminated", "RUN <<<EOF", "RUN <<-", "RUN <<- EOF",
                "RUN echo ${x y} <<EOF", "ONBUILD ONBUILD RUN <<EOF");
        for (String source : sources) {
            Dockerfile dockerfile = parse(source + "\nEOF\n");
            assertThat(dockerfile.instructions()).as(source).hasSize(2);
            assertThat(dockerfile.instructions().get(0).heredocs()).as(source).isEmpty();
        }
    }

    @Test
    void theLexerUsesBackslashWhateverTheEscapeDirective() {
        Instruction run = only("# escape=`\nRUN <<\\EOF\nx\nEOF\n");
        assertThat(run.heredocs()).extracting(Heredoc::name).containsExactly("EOF");
    }

    @Test
    void onbuildTriggersCarryHeredocs() {
        Instruction onbuild = only("ONBUILD RUN <<EOF\necho hi\nEOF\n");
        assertThat(onbuild.heredocs()).hasSize(1);
        Instruction trigger = onbuild.trigger().orElseThrow();
        assertThat(trigger.heredocs()).isEqualTo(onbuild.heredocs());
        assertThat(trigger.span().toString()).isEqualTo("1:9-3:4");
        assertThat(BuildkitAstDump.dump(onbuild)).isEqualTo("onbuild (run \"<<EOF\")");
    }

    @Test
    void aHeredocEndsOnACrlfTerminator() {
        Heredoc heredoc = only("RUN <<EOF\r\necho hi\r\nEOF\r\n").heredocs().get(0);
        assertThat(heredoc.body().text()).isEqualTo("echo hi\r\n");
        assertThat(heredoc.terminator().toString()).isEqualTo("3:1-3:4");
    }

    @Test
    void badHeredocsAreErrorsAtTheirMarker() {
        assertThatThrownBy(() -> parse("FROM a\nCOPY <<EOF /x\nhello\n"))
                .isInstanceOf(SourceException.class)
                .hasMessage("Dockerfile:2:6: unterminated heredoc");
        assertThatThrownBy(() -> parse("RUN <<${a:- b}\n"))
                .hasMessage("Dockerfile:1:5: failed to process \"${a:-\": syntax error: missing '}'");
    }
}
