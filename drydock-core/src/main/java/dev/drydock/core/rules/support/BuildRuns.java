package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.shell.ShellScript;
import java.util.ArrayList;
import java.util.List;

/**
 * Every RUN a build executes for an image, in Dockerfile order, each with its stage and whether that stage's
 * file system is the image's or a builder's (whose results reach the image only through COPY --from).
 */
public final class BuildRuns {

    private BuildRuns() {}

    /**
     * One RUN of a needed stage.
     *
     * @param builder the stage is not part of the image's file system
     */
    public record StageRun(Stage stage, boolean builder, RunStep run) {}

    /** A RUN that runs a shell script, with the image it is built for. */
    public record ScriptRun(BuiltImage image, StageRun run, ShellScript script) {}

    /** The RUNs with a shell script of every image the project builds, image by image, in build order. */
    public static List<ScriptRun> scripts(ReviewContext context) {
        List<ScriptRun> out = new ArrayList<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            for (StageRun run : of(image)) {
                if (run.run().script() != null) {
                    out.add(new ScriptRun(image, run, run.run().script()));
                }
            }
        }
        return out;
    }

    public static List<StageRun> of(BuiltImage image) {
        List<Stage> imageStages = image.imageStages();
        List<StageRun> out = new ArrayList<>();
        for (Stage stage : image.neededStages()) {
            boolean builder = !imageStages.contains(stage);
            for (RunStep run : RunStep.of(image.model(), List.of(stage))) {
                out.add(new StageRun(stage, builder, run));
            }
        }
        return out;
    }

    /** A short text of a call for messages: the program and its first arguments, quoted where they hold blanks. */
    public static String describe(Call call) {
        StringBuilder out = new StringBuilder(call.program() == null ? call.name() : call.program().value());
        int shown = 0;
        for (Call.Arg arg : call.args()) {
            if (shown++ == 6) {
                out.append(" ...");
                break;
            }
            String value = arg.value();
            out.append(' ').append(value.matches("(?s).*\\s.*") && !value.contains("\"") ? '"' + value + '"' : value);
        }
        return out.toString();
    }
}
