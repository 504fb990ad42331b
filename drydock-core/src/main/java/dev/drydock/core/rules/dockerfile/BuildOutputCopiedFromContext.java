package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.CopySources;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.StagesInUse;
import dev.drydock.core.rules.support.ToolchainBuilds;
import dev.drydock.core.rules.support.ToolchainBuilds.Stack;
import java.util.List;
import java.util.Optional;

@RuleDefinition(
        id = "build-output-copied-from-context",
        title = "COPY takes from the build context what a RUN of the same stage just built",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "In every stage a build uses, each RUN that builds with Maven (mvn or mvnw with package, install,"
                + " verify or deploy) or Gradle (gradle or gradlew with build, assemble, bootJar, jar, shadowJar,"
                + " installDist ...), and each later COPY or ADD of the same stage without --from whose source, after"
                + " ARG expansion, is under the tool's output folder (target/ for Maven, build/ for Gradle) written"
                + " relative.",
        problem = "COPY without --from reads the build context, the folder sent to the builder, never the file"
                + " system of the stage: the jar or distribution the RUN wrote into target/ or build/ inside the"
                + " stage is not what the COPY takes.",
        impact = "On a clean checkout (CI, another machine) the context has no target/ or build/ and the build stops"
                + " with \"no source files were specified\"; where a local build left one there, the image ships"
                + " that older output instead of what the RUN built, and the RUN's build time is wasted.",
        recommendation = "Build in a stage of its own and copy its output with COPY --from=<that stage> and the"
                + " absolute path inside it, or move the output with RUN cp within the stage; keep target/ and"
                + " build/ in .dockerignore.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#copy",
                "https://docs.docker.com/build/building/multi-stage/",
                "https://docs.docker.com/build/concepts/context/"},
        aliases = {},
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM eclipse-temurin:21.0.5_11-jdk
                        WORKDIR /src
                        COPY . .
                        RUN ./gradlew bootJar
                        COPY build/libs/app.jar /app/app.jar
                        USER 10001
                        ENTRYPOINT ["java", "-jar", "/app/app.jar"]
                        """,
                good = """
                        FROM eclipse-temurin:21.0.5_11-jdk AS build
                        WORKDIR /src
                        COPY . .
                        RUN ./gradlew bootJar

                        FROM eclipse-temurin:21.0.5_11-jre
                        COPY --from=build /src/build/libs/app.jar /app/app.jar
                        USER 10001
                        ENTRYPOINT ["java", "-jar", "/app/app.jar"]
                        """))
public final class BuildOutputCopiedFromContext implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (StagesInUse used : StagesInUse.of(context)) {
            Stage stage = used.stage();
            List<RunStep> runs = RunStep.of(used.image().model(), List.of(stage));
            for (CopyCommand copy : stage.copies()) {
                if (!copy.fromContext()) {
                    continue;
                }
                for (int i = 0; i < copy.sources().size(); i++) {
                    if (copy.unresolved(i)) {
                        continue;
                    }
                    String source = copy.sources().get(i);
                    Optional<Built> built = builtBefore(runs, copy, source);
                    if (built.isPresent()) {
                        report(context, used, copy, i, source, built.get());
                        break;
                    }
                }
            }
        }
    }

    private record Built(RunStep run, Call call, Stack stack) {}

    private static Optional<Built> builtBefore(List<RunStep> runs, CopyCommand copy, String source) {
        Built found = null;
        for (RunStep run : runs) {
            if (run.instruction().span().start() >= copy.instruction().span().start()) {
                break;
            }
            for (Call call : run.calls()) {
                Optional<Stack> stack = ToolchainBuilds.buildStack(call)
                        .filter(s -> s == Stack.MAVEN || s == Stack.GRADLE);
                if (stack.isPresent() && underOutput(source, stack.get())) {
                    found = new Built(run, call, stack.get());
                }
            }
        }
        return Optional.ofNullable(found);
    }

    private static boolean underOutput(String source, Stack stack) {
        String path = source;
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        String folder = stack == Stack.MAVEN ? "target" : "build";
        return path.equals(folder) || path.startsWith(folder + "/");
    }

    private void report(ReviewContext context, StagesInUse used, CopyCommand copy, int index, String source,
            Built built) {
        List<Word> words = CopySources.sources(copy.instruction());
        var span = index < words.size() ? words.get(index).span() : copy.instruction().keyword().span();
        String folder = built.stack() == Stack.MAVEN ? "target/" : "build/";
        String relative = source.replaceFirst("^(\\./)+", "");
        boolean workdirKnown = built.run().step() != null && built.run().step().workdir() != null;
        String dir = workdirKnown ? built.run().directoryAt(built.call()) : null;
        String absolute = dir == null ? null : (dir.endsWith("/") ? dir : dir + "/") + relative;
        int line = built.run().instruction().startLine();
        String message = copy.instruction().kind() + " " + source + " reads the build context, not the files of"
                + " this stage: `" + BuildRuns.describe(built.call()) + "` (line " + line + ") wrote " + relative
                + (absolute == null ? " under the stage's working directory" : " as " + absolute)
                + ", where no COPY without --from looks. On a clean checkout the context has no " + folder
                + " and the build stops with \"no source files were specified\"; where a build outside Docker left"
                + " one, the image gets that output instead of what line " + line + " built";
        String path = absolute == null ? "/src/" + relative : absolute;
        String setWorkdir = absolute == null ? ", after adding WORKDIR /src before line " + line
                + " so that the output has a path known in advance" : "";
        String recommendation = !used.inImage() && used.stage().name() != null
                ? "Drop this COPY and have the stage that needs the output copy it from here: COPY --from="
                        + used.stage().writtenName() + " " + path + " " + copy.destination() + setWorkdir + "."
                : "Build in a stage of its own and copy its output into the runtime stage: COPY --from=build "
                        + path + " " + copy.destination() + setWorkdir + "; or keep one stage and RUN cp "
                        + (relative.endsWith("/") ? "-r " : "") + relative + " " + copy.destination() + ".";
        context.finding(this, copy.instruction().file().path(), span, message).recommendation(recommendation).add();
    }
}
