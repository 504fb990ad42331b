package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathGlobs;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.manifest.GradleBuild;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ManifestSyntax;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.CopySources;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "spring-boot-plain-jar-copied",
        title = "A jar wildcard also matches the plain jar Spring Boot's Gradle plugin builds",
        severity = Severity.MEDIUM,
        category = Category.BUILD,
        checks = "Each COPY --from of a stage that runs gradle (or gradlew) build or assemble, with one source whose"
                + " file name ends in *.jar (or is *) and a destination without a trailing /, when a build.gradle or"
                + " build.gradle.kts of the build context applies org.springframework.boot. Quiet when the build runs"
                + " bootJar only, excludes the jar task (-x jar), disables it (jar { enabled = false }), or when the"
                + " pattern leaves out the -plain jar (*-SNAPSHOT.jar, app.jar); a pattern with a fixed start"
                + " (catalog-*.jar) fires only when it takes the plain jar's name, NAME-VERSION-plain.jar from the"
                + " settings file's rootProject.name and a literal version, and is quiet when an archive* property"
                + " (bootJar's archiveFileName) renames the jars.",
        problem = "Since Spring Boot 2.5 the Gradle plugin leaves the jar task on, with the classifier plain: build and"
                + " assemble write both app-1.0.jar (the executable jar) and app-1.0-plain.jar (the classes only) to"
                + " build/libs, so build/libs/*.jar matches two files that the COPY puts at one file path.",
        impact = "The classic builder stops with \"When using COPY with more than one source file, the destination"
                + " must be a directory and end with a /\". BuildKit and Buildah copy both files onto the destination"
                + " and keep the one whose name sorts last: the executable jar by luck of its name, the plain jar"
                + " (\"no main manifest attribute\" at start) once bootJar's file name sorts first.",
        recommendation = "Build only the executable jar (gradle bootJar), or turn the plain jar off in the build file"
                + " (tasks.named(\"jar\") { enabled = false }), or copy the executable jar by its name.",
        references = {
                "https://docs.spring.io/spring-boot/gradle-plugin/packaging.html",
                "https://github.com/spring-projects/spring-boot/issues/33238",
                "https://github.com/moby/buildkit/issues/4550"},
        aliases = {},
        fix = FixSafety.NONE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM gradle:8.10.2-jdk21 AS build
                        WORKDIR /src
                        COPY . .
                        RUN gradle build --no-daemon

                        FROM eclipse-temurin:21.0.5_11-jre
                        COPY --from=build /src/build/libs/*.jar /app/app.jar
                        ENTRYPOINT ["java", "-jar", "/app/app.jar"]
                        """,
                good = """
                        FROM gradle:8.10.2-jdk21 AS build
                        WORKDIR /src
                        COPY . .
                        RUN gradle bootJar --no-daemon

                        FROM eclipse-temurin:21.0.5_11-jre
                        COPY --from=build /src/build/libs/*.jar /app/app.jar
                        ENTRYPOINT ["java", "-jar", "/app/app.jar"]
                        """,
                alongside = @ExampleFile(name = "build.gradle", content = """
                        plugins {
                            id 'java'
                            id 'org.springframework.boot' version '3.3.5'
                        }
                        """)))
public final class SpringBootPlainJarCopied implements Rule {

    /** A {@code jar} task configured with {@code enabled = false} (Groovy, Kotlin DSL, tasks.named/getByName). */
    private static final Pattern PLAIN_JAR_DISABLED = Pattern.compile(
            "\\bjar\\b[\"')\\s\\w<>,.]*\\{[^{}]*\\b(enabled\\s*=|isEnabled\\s*=|enabled\\.set\\()\\s*false");
    private static final Set<String> ASSEMBLING_TASKS = Set.of("build", "assemble");
    private static final Pattern PROJECT_NAME = Pattern.compile("(?m)^\\s*rootProject\\.name\\s*=\\s*[\"']([\\w.-]+)[\"']\\s*$");
    /** {@code version = '1.0'} at the start of a line (a literal in group 1; anything else is a computed version). */
    private static final Pattern VERSION = Pattern.compile("(?m)^\\s*version\\s*=\\s*(?:[\"']([\\w.+-]+)[\"']\\s*$)?");
    private static final Pattern VERSION_PROPERTY = Pattern.compile("(?m)^\\s*version\\s*=\\s*([\\w.+-]+)\\s*$");

    @Override
    public void check(ReviewContext context) {
        Set<Instruction> reported = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            Optional<GradleBuild> boot = springBootBuild(context, image);
            if (boot.isEmpty()) {
                continue;
            }
            for (Stage stage : image.neededStages()) {
                for (CopyCommand copy : stage.copies()) {
                    if (copy.fromStage() < 0 || copy.fromStage() >= image.model().stages().size()
                            || copy.sources().size() != 1 || copy.destination().endsWith("/")
                            || !matchesPlainJar(context, boot.get(), copy.sources().get(0))
                            || reported.contains(copy.instruction())) {
                        continue;
                    }
                    Optional<Call> build = assemblingBuild(image, image.model().stages().get(copy.fromStage()));
                    if (build.isPresent()) {
                        reported.add(copy.instruction());
                        report(context, copy, build.get(), boot.get());
                    }
                }
            }
        }
    }

    private void report(ReviewContext context, CopyCommand copy, Call build, GradleBuild boot) {
        Instruction instruction = copy.instruction();
        List<Word> sources = CopySources.sources(instruction);
        Word source = sources.isEmpty() ? null : sources.get(0);
        String task = build.args().stream().map(Call.Arg::value).filter(ASSEMBLING_TASKS::contains).findFirst()
                .orElse("build");
        int line = build.span().startLine();
        context.finding(this, instruction.file().path(), source == null ? instruction.span() : source.span(),
                        "`" + build.name() + " " + task + "` (line " + line + ") writes the plain jar (*-plain.jar)"
                                + " beside the executable one, since " + boot.file().path() + " applies"
                                + " org.springframework.boot and leaves the jar task on: " + copy.sources().get(0)
                                + " matches both and copies them onto " + copy.destination() + " (the classic builder"
                                + " stops there; BuildKit keeps the jar whose name sorts last)")
                .recommendation("Run `" + build.name() + " bootJar` instead of `" + task + "`, or add"
                        + (boot.isKotlinDsl() ? " tasks.named<Jar>(\"jar\") { enabled = false }"
                                : " tasks.named('jar') { enabled = false }")
                        + " to " + boot.file().path() + ".")
                .add();
    }

    /** The build file of the image's context that applies Spring Boot's plugin and keeps the plain jar. */
    private static Optional<GradleBuild> springBootBuild(ReviewContext context, BuiltImage image) {
        for (Manifest manifest : image.container().manifests()) {
            if (manifest.kind() != ManifestKind.GRADLE) {
                continue;
            }
            GradleBuild build = ManifestSyntax.gradle(context, manifest).orElse(null);
            if (build != null && build.hasPlugin("org.springframework.boot")
                    && !PLAIN_JAR_DISABLED.matcher(build.file().text()).find()) {
                return Optional.of(build);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the pattern's last part takes the plain jar: any name ending in .jar (*.jar, *); with a fixed start
     * (app-*.jar), the name of the plain jar, NAME-VERSION-plain.jar (NAME-plain.jar without a version), when the
     * project's name is in the settings file, the version is written as a literal or left out, and no archive*
     * property renames the jars.
     */
    private static boolean matchesPlainJar(ReviewContext context, GradleBuild boot, String source) {
        String pattern = CopySources.basename(source);
        if (pattern.equals("*") || pattern.equals("*.jar")) {
            return true;
        }
        if (!pattern.endsWith("*.jar") && !pattern.endsWith("*")) {
            return false;
        }
        String text = boot.file().text();
        if (text.contains("archiveBaseName") || text.contains("archiveFileName") || text.contains("archiveVersion")
                || text.contains("archiveClassifier") || text.contains("archiveAppendix")) {
            return false;
        }
        String dir = PathNames.parent(boot.file().path());
        String name = literal(context, dir, List.of("settings.gradle", "settings.gradle.kts"), PROJECT_NAME);
        Matcher version = VERSION.matcher(text);
        boolean assigned = version.find();
        String written = assigned ? version.group(1)
                : literal(context, dir, List.of("gradle.properties"), VERSION_PROPERTY);
        if (name == null || assigned && written == null) {
            return false;
        }
        String plain = name + (written == null ? "" : "-" + written) + "-plain.jar";
        return Pattern.compile(PathGlobs.regex(pattern)).matcher(plain).matches();
    }

    /** Group 1 of the pattern in the first of the files (in the folder) that exists and has it, or null. */
    private static String literal(ReviewContext context, String dir, List<String> names, Pattern pattern) {
        for (String name : names) {
            String text = context.project().source(PathNames.join(dir, name)).map(f -> f.text()).orElse(null);
            Matcher m = text == null ? null : pattern.matcher(text);
            if (m != null && m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** The gradle call of the stage (or the stages it is built on) that runs build or assemble with the jar task. */
    private static Optional<Call> assemblingBuild(BuiltImage image, Stage stage) {
        for (RunStep run : RunStep.of(image.model(), Stages.inImage(image.model(), stage))) {
            for (Call call : run.calls("gradle", "gradlew")) {
                List<String> args = call.args().stream().map(Call.Arg::value).toList();
                if (args.stream().anyMatch(ASSEMBLING_TASKS::contains) && !excludesJar(args)) {
                    return Optional.of(call);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean excludesJar(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("-x") || a.equals("--exclude-task")) && i + 1 < args.size()
                    && (args.get(i + 1).equals("jar") || args.get(i + 1).endsWith(":jar"))) {
                return true;
            }
            if (a.equals("-xjar") || a.equals("--exclude-task=jar")) {
                return true;
            }
        }
        return false;
    }
}
