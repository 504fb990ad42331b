package dev.drydock.core.dockerfile.syntax;

import static dev.drydock.core.dockerfile.syntax.Parsing.dump;
import static dev.drydock.core.dockerfile.syntax.Parsing.only;
import static dev.drydock.core.dockerfile.syntax.Parsing.parse;
import static dev.drydock.core.dockerfile.syntax.Parsing.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.MappedText;
import org.junit.jupiter.api.Test;

class ContinuationTest {

    @Test
    void anEscapeBeforeTrailingBlanksContinuesTheLine() {
        assertThat(dump("RUN a \\  \t\n  b")).isEqualTo("(run \"a   b\")");
        // an escaped escape does not continue, nor does an odd run of them (BuildKit's regexp)
        assertThat(dump("RUN a \\\\\nRUN b")).isEqualTo("(run \"a \\\\\\\\\")\n(run \"b\")");
        assertThat(dump("RUN a \\\\\\\nRUN b")).isEqualTo("(run \"a \\\\\\\\\\\\\")\n(run \"b\")");
        // a line holding only the escape continues
        assertThat(dump("RUN a\\\n\\\nb")).isEqualTo("(run \"ab\")");
    }

    @Test
    void onlyTheFirstLineIsLeftTrimmed() {
        Instruction run = only("   RUN echo \\\n      hello");
        assertThat(run.logicalText().text()).isEqualTo("RUN echo       hello");
        assertThat(run.span().toString()).isEqualTo("1:4-2:12");
        assertThat(run.rawText()).isEqualTo("RUN echo \\\n      hello");
    }

    @Test
    void commentsInsideAContinuationAreDroppedButKept() {
        Dockerfile dockerfile = parse("FROM a\nRUN apt-get update \\\n  # refresh first\n    && apt-get install x\n");
        Instruction run = dockerfile.instructions().get(1);
        assertThat(((ShellForm) run.arguments()).text()).isEqualTo("apt-get update     && apt-get install x");
        assertThat(run.innerComments()).extracting(Comment::text).containsExactly("refresh first");
        assertThat(run.innerComments().get(0).span().toString()).isEqualTo("3:3-3:18");
        assertThat(dockerfile.comments()).containsExactlyElementsOf(run.innerComments());
        assertThat(run.startLine()).isEqualTo(2);
        assertThat(run.endLine()).isEqualTo(4);
    }

    @Test
    void emptyContinuationLinesAreSkippedAndRecorded() {
        Instruction run = only("RUN a \\\n\n   \n  b");
        assertThat(((ShellForm) run.arguments()).text()).isEqualTo("a   b");
        assertThat(run.emptyContinuationLines()).extracting(Object::toString).containsExactly("2:1-2:1", "3:1-3:4");
    }

    @Test
    void aContinuationMayRunIntoTheEndOfTheFile() {
        Instruction run = only("FROM a\nRUN b \\\n# c\n\n");
        assertThat(((ShellForm) run.arguments()).text()).isEqualTo("b");
        assertThat(run.endLine()).isEqualTo(4);
        assertThat(run.innerComments()).hasSize(1);
        assertThat(run.emptyContinuationLines()).hasSize(1);
    }

    @Test
    void argumentsOfAMultiLineInstructionKnowTheirColumns() {
        Instruction run = only("FROM a\nRUN apt-get install -y \\\n\tcurl \\\n    git");
        ShellForm shell = (ShellForm) run.arguments();
        MappedText script = shell.script();
        int git = script.text().indexOf("git");
        assertThat(script.fileSpan(git, git + 3).toString()).isEqualTo("4:5-4:8");
        int curl = script.text().indexOf("curl");
        assertThat(script.fileSpan(curl, curl + 4).toString()).isEqualTo("3:2-3:6");
        assertThat(shell.span().toString()).isEqualTo("2:5-4:8");

        Instruction copy = only("COPY --chown=a:b \\\n  src/ \\\n  /app/");
        WordList words = (WordList) copy.arguments();
        assertThat(words.words()).extracting(w -> w.span().toString()).containsExactly("2:3-2:7", "3:3-3:8");
        assertThat(words.words()).extracting(w -> text(copy, w.span())).containsExactly("src/", "/app/");
    }

    @Test
    void aWordSplitByAContinuationSpansBothLines() {
        Instruction env = only("ENV A=hel\\\nlo");
        KeyValue kv = ((KeyValueList) env.arguments()).entries().get(0);
        assertThat(kv.value().value()).isEqualTo("hello");
        assertThat(kv.value().span().toString()).isEqualTo("1:7-2:3");
    }

    @Test
    void crlfLineEndingsAreHandled() {
        Dockerfile dockerfile = parse("FROM a\r\nRUN b \\\r\n  c\r\n# note\r\nCMD [\"x\"]\r\n");
        assertThat(BuildkitAstDump.dump(dockerfile)).isEqualTo("(from \"a\")\n(run \"b   c\")\n(cmd \"x\")");
        Instruction run = dockerfile.instructions().get(1);
        assertThat(run.span().toString()).isEqualTo("2:1-3:4");
        assertThat(run.rawText()).isEqualTo("RUN b \\\r\n  c");
        assertThat(dockerfile.comments().get(0).span().toString()).isEqualTo("4:1-4:7");
        assertThat(dockerfile.comments().get(0).text()).isEqualTo("note");
    }

    @Test
    void tabsAreColumnsLikeAnyCharacter() {
        Instruction from = only("\tFROM\timage\tAS\tbase");
        assertThat(from.keyword().span().toString()).isEqualTo("1:2-1:6");
        assertThat(((WordList) from.arguments()).words()).extracting(w -> w.span().toString())
                .containsExactly("1:7-1:12", "1:13-1:15", "1:16-1:20");
    }

    @Test
    void blankLinesAndCommentsBetweenInstructionsStayReachable() {
        Dockerfile dockerfile = parse("# base\nFROM a\n\n  \n# run it\n#\n# really\nRUN b\n");
        assertThat(dockerfile.blankLines()).extracting(Object::toString).containsExactly("3:1-3:1", "4:1-4:3");
        assertThat(dockerfile.comments()).extracting(Comment::text).containsExactly("base", "run it", "", "really");
        assertThat(dockerfile.instructions().get(0).precedingComments()).extracting(Comment::text)
                .containsExactly("base");
        // an empty comment line restarts the comments BuildKit attaches to the next instruction
        assertThat(dockerfile.instructions().get(1).precedingComments()).extracting(Comment::text)
                .containsExactly("really");
    }
}
