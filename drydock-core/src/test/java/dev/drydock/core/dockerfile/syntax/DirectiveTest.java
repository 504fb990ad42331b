package dev.drydock.core.dockerfile.syntax;

import static dev.drydock.core.dockerfile.syntax.Parsing.dump;
import static dev.drydock.core.dockerfile.syntax.Parsing.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.source.SourceException;
import org.junit.jupiter.api.Test;

class DirectiveTest {

    @Test
    void directivesAreReadFromTheLeadingCommentBlock() {
        Dockerfile dockerfile = parse("# syntax=docker/dockerfile:1\n#ESCAPE = `\n# check=skip=JSONArgsRecommended\nFROM a\n");
        assertThat(dockerfile.directives()).extracting(ParserDirective::name, ParserDirective::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("syntax", "docker/dockerfile:1"),
                        org.assertj.core.groups.Tuple.tuple("escape", "`"),
                        org.assertj.core.groups.Tuple.tuple("check", "skip=JSONArgsRecommended"));
        assertThat(dockerfile.escapeChar()).isEqualTo('`');
        ParserDirective escape = dockerfile.directive("escape").orElseThrow();
        assertThat(escape.nameSpan().toString()).isEqualTo("2:2-2:8");
        assertThat(escape.valueSpan().toString()).isEqualTo("2:11-2:12");
        assertThat(escape.span().toString()).isEqualTo("2:1-2:12");
        assertThat(dockerfile.comments()).isEmpty();
    }

    @Test
    void directivesEndAtTheFirstOtherLine() {
        // a blank line, another comment, or an unknown directive ends the block
        assertThat(parse("# escape=`\n\n# syntax=x\nFROM a").directives()).extracting(ParserDirective::name)
                .containsExactly("escape");
        assertThat(parse("# hello\n# escape=`\nFROM a").escapeChar()).isEqualTo('\\');
        assertThat(parse("# foo=bar\n# escape=`\nFROM a").escapeChar()).isEqualTo('\\');
        assertThat(parse("FROM a\n# escape=`\nRUN b `\n c").directives()).isEmpty();
        // the comments that are not directives stay comments
        assertThat(parse("# hello\n# escape=`\nFROM a").comments()).extracting(Comment::text)
                .containsExactly("hello", "escape=`");
    }

    @Test
    void directivesMayBeIndentedAndSpaced() {
        Dockerfile dockerfile = parse("  #  escape   =   `   \nFROM `\n  a");
        assertThat(dockerfile.escapeChar()).isEqualTo('`');
        assertThat(BuildkitAstDump.dump(dockerfile)).isEqualTo("(from \"a\")");
    }

    @Test
    void aDirectiveMayAppearOnlyOnce() {
        assertThatThrownBy(() -> parse("# escape=`\n# Escape=\\\nFROM a"))
                .isInstanceOf(SourceException.class)
                .hasMessage("Dockerfile:2:3: only one escape parser directive can be used");
        assertThatThrownBy(() -> parse("# syntax=a\n#syntax=b\nFROM a"))
                .hasMessage("Dockerfile:2:2: only one syntax parser directive can be used");
    }

    @Test
    void theEscapeTokenMustBeBackslashOrBacktick() {
        assertThatThrownBy(() -> parse("# escape=x\nFROM a"))
                .hasMessage("Dockerfile:1:10: invalid escape token 'x' does not match ` or \\");
        assertThatThrownBy(() -> parse("# escape=``\nFROM a"))
                .hasMessage("Dockerfile:1:10: invalid escape token '``' does not match ` or \\");
    }

    @Test
    void theBacktickEscapesAndContinues() {
        assertThat(dump("# escape=`\nFROM windows\nRUN dir c:\\ `\n  && echo done\nENV A=b`\"c\n"))
                .isEqualTo("(from \"windows\")\n(run \"dir c:\\\\   && echo done\")\n(env \"A\" \"b`\\\"c\" \"=\")");
        // with a backtick escape, a backslash at the end of a line is text
        assertThat(dump("# escape=`\nRUN a \\\nRUN b")).isEqualTo("(run \"a \\\\\")\n(run \"b\")");
    }

    @Test
    void aByteOrderMarkIsSkippedBeforeDirectives() {
        Dockerfile dockerfile = parse("\uFEFF# escape=`\nFROM a");
        assertThat(dockerfile.escapeChar()).isEqualTo('`');
        assertThat(dockerfile.directives().get(0).span().start()).isEqualTo(1);
        assertThat(dockerfile.instructions().get(0).span().toString()).isEqualTo("2:1-2:7");
    }
}
