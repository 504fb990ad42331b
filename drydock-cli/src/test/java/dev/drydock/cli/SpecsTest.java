package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command models built in code: values reach the commands' fields, defaults included. */
class SpecsTest {

    private static <T> T parsed(T command, CommandLine.Model.CommandSpec spec, String... args) {
        new CommandLine(spec).parseArgs(args);
        return command;
    }

    @Test
    void aRepeatedListOptionCollectsEveryValueCommaSeparatedOrNot() {
        FixCommand fix = new FixCommand(Invocation.process());
        parsed(fix, fix.spec, "--rule", "DL3008", "--rule", "runs-as-root,oci-labels-missing", "project");

        assertThat(fix.rules).containsExactly("DL3008", "runs-as-root", "oci-labels-missing");
        assertThat(fix.path).isEqualTo(Path.of("project"));
    }

    @Test
    void aDescriptionWrittenInPartsIsWrappedAsOneParagraph() {
        String help = CliRun.of("review", "--help").out();

        assertThat(help.lines().map(String::strip)).doesNotContain("concrete");
        assertThat(help.replaceAll("\\s+", " ")).contains("with its location and a concrete recommendation, and the good");
    }

    @Test
    void defaultsReachTheFieldsWhenNothingIsGiven() {
        FixCommand fix = new FixCommand(Invocation.process());
        parsed(fix, fix.spec);
        VerifyCommand verify = new VerifyCommand(Invocation.process());
        parsed(verify, verify.spec);

        assertThat(fix.rules).isEmpty();
        assertThat(fix.path).isEqualTo(Path.of("."));
        assertThat(fix.format).isEqualTo(FixCommand.Format.text);
        assertThat(fix.unsafe).isFalse();
        assertThat(verify.timeoutSeconds).isEqualTo(600);
    }

    @Test
    void aNegatableOptionIsNullUnlessGivenEitherWay() {
        ReviewCommand absent = new ReviewCommand(Invocation.process());
        ReviewCommand on = new ReviewCommand(Invocation.process());
        ReviewCommand off = new ReviewCommand(Invocation.process());

        assertThat(parsed(absent, absent.spec).shellcheck).isNull();
        assertThat(parsed(on, on.spec, "--shellcheck").shellcheck).isTrue();
        assertThat(parsed(off, off.spec, "--no-shellcheck").shellcheck).isFalse();
    }

    @Test
    void morePathsAfterTheFirstAreKeptInOrder() {
        ReviewCommand review = new ReviewCommand(Invocation.process());
        parsed(review, review.spec, "--batch", "a", "b", "c");

        assertThat(review.path).isEqualTo(Path.of("a"));
        assertThat(review.morePaths).isEqualTo(List.of(Path.of("b"), Path.of("c")));
        assertThat(review.batch).isTrue();
        assertThat(review.color).isEqualTo(ReviewCommand.Color.auto);
    }
}
