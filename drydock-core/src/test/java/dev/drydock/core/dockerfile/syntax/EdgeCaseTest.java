package dev.drydock.core.dockerfile.syntax;

import static dev.drydock.core.dockerfile.syntax.Parsing.dump;
import static dev.drydock.core.dockerfile.syntax.Parsing.only;
import static dev.drydock.core.dockerfile.syntax.Parsing.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Corners of BuildKit's line handling that a later fix or check may meet. */
class EdgeCaseTest {

    @Test
    void aLoneCarriageReturnDoesNotEndABuildkitLine() {
        // BuildKit splits lines at LF only; CR is white space inside the line
        Instruction from = only("FROM a\rAS b");
        assertThat(BuildkitAstDump.dump(from)).isEqualTo("from \"a\" \"AS\" \"b\"");
        assertThat(from.startLine()).isEqualTo(1);
        assertThat(from.endLine()).isEqualTo(1);
        // spans still use the file's own line numbering, which counts a lone CR as a line break
        assertThat(from.span().toString()).isEqualTo("1:1-2:5");
    }

    @Test
    void aLineHoldingOnlyTheEscapeStartsAnInstruction() {
        Dockerfile dockerfile = parse("FROM a\n\\\n  \n# c\nRUN x");
        Instruction run = dockerfile.instructions().get(1);
        assertThat(run.kind()).isEqualTo(InstructionKind.RUN);
        assertThat(run.startLine()).isEqualTo(2);
        assertThat(run.span().toString()).isEqualTo("2:1-5:6");
        assertThat(run.keyword().span().toString()).isEqualTo("5:1-5:4");
        assertThat(run.emptyContinuationLines()).hasSize(1);
        assertThat(run.innerComments()).extracting(Comment::text).containsExactly("c");
        // an escape then the end of the file is an instruction without keyword, as in BuildKit
        Instruction empty = only("FROM a\n\\");
        assertThat(empty.keyword().value()).isEmpty();
        assertThat(empty.kind()).isEqualTo(InstructionKind.UNKNOWN);
        assertThat(dump("FROM a\n\\")).isEqualTo("(from \"a\")\n(\"\")");
    }

    @Test
    void commentMarkersInsideAnInstructionAreText() {
        assertThat(dump("RUN echo hi # not a comment \\\n  # but this is\n  there"))
                .isEqualTo("(run \"echo hi # not a comment   there\")");
        // a commented-out continuation does not continue
        assertThat(parse("# RUN a \\\nFROM b").instructions()).hasSize(1);
    }

    @Test
    void flagsOfOnbuildAndOfItsTriggerAreSeparate() {
        Instruction onbuild = only("ONBUILD --x=1 RUN --mount=type=cache,target=/y echo");
        assertThat(onbuild.flags()).extracting(Flag::text).containsExactly("--x=1");
        Instruction trigger = onbuild.trigger().orElseThrow();
        assertThat(trigger.flags()).extracting(Flag::text).containsExactly("--mount=type=cache,target=/y");
        assertThat(trigger.mounts().get(0).target()).contains("/y");
        assertThat(BuildkitAstDump.dump(onbuild))
                .isEqualTo("onbuild [\"--x=1\"] (run [\"--mount=type=cache,target=/y\"] \"echo\")");
    }

    @Test
    void goQuotingOfTheDumpMatchesStrconv() {
        // U+2028 is white space to Go, so it is quoted here to stay in the value
        assertThat(dump("LABEL a=\"\u00e9\u2603\ud83d\ude00\" b=\u00ad c=\"\u0001\u007f\u2028\""))
                .isEqualTo("(label \"a\" \"\\\"\u00e9\u2603\ud83d\ude00\\\"\" \"=\" \"b\" \"\\u00ad\" \"=\" "
                        + "\"c\" \"\\\"\\x01\\x7f\\u2028\\\"\" \"=\")");
    }

    @Test
    void instructionsBuildkitDoesNotKnowStillParse() {
        // the instruction layer rejects these later; the parser keeps them with their position
        Dockerfile dockerfile = parse("FROM a\nRUN cat<<EOF\nhello\nEOF\n");
        assertThat(dockerfile.instructions()).extracting(Instruction::kind)
                .containsExactly(InstructionKind.FROM, InstructionKind.RUN, InstructionKind.UNKNOWN, InstructionKind.UNKNOWN);
        assertThat(dockerfile.instructions().get(2).keyword().value()).isEqualTo("hello");
    }

    @Test
    void largeFilesParse() {
        StringBuilder text = new StringBuilder("FROM alpine\n");
        for (int i = 0; i < 2500; i++) {
            text.append("# step ").append(i).append("\nRUN --mount=type=cache,target=/c apk add \\\n    curl\n")
                    .append("ENV A").append(i).append("=\"x y\"\n");
        }
        Dockerfile dockerfile = parse(text.toString());
        assertThat(dockerfile.file().lineCount()).isGreaterThan(10_000);
        assertThat(dockerfile.instructions()).hasSize(5001);
        assertThat(dockerfile.comments()).hasSize(2500);
        assertThat(dockerfile.instructions().get(5000).endLine()).isEqualTo(10_001);
    }
}
