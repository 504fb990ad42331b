package dev.drydock.core.rules.app;

import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.Target;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.SpringBootBuilds;
import dev.drydock.core.rules.support.SpringBootExtracts;
import dev.drydock.core.rules.support.WrittenInstructions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "spring-boot-launcher-moved",
        title = "The container starts a Spring Boot launcher class that the image does not have",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "The command of a container built from the project that runs `java` with a Spring Boot launcher as"
                + " its main class (JarLauncher, WarLauncher, PropertiesLauncher: the start of an extracted, layered"
                + " jar), against the Spring Boot release of the build file (pom.xml's spring-boot-starter-parent,"
                + " spring-boot-maven-plugin or spring-boot-dependencies version, build.gradle's"
                + " org.springframework.boot plugin version). Fires when a build on 3.2 or later starts"
                + " org.springframework.boot.loader.JarLauncher, or one before 3.2 starts"
                + " org.springframework.boot.loader.launch.JarLauncher. Quiet when the version is not written as a"
                + " number, when the build asks for the CLASSIC loader (loaderImplementation), and when the context"
                + " has more than one Spring Boot build. Fires too, whatever the release, when the image's build unpacks"
                + " the jar only with `java -Djarmode=tools -jar ... extract` without --launcher: that extraction"
                + " leaves the launcher classes out (quiet when a layertools extraction or one with --launcher is"
                + " there, or when the command puts a jar on the class path with -cp).",
        problem = "Spring Boot 3.2 moved its launchers from org.springframework.boot.loader to"
                + " org.springframework.boot.loader.launch. A Dockerfile that starts the extracted layers by class"
                + " name keeps the old name when the Spring Boot version is raised (or takes the new name from a"
                + " guide written for a newer release). Spring Boot 3.3's tools jar mode writes the launcher only"
                + " when asked with --launcher; without it, the extraction is a thin application jar to start with"
                + " java -jar, and a Dockerfile written for layertools starts a JarLauncher that is not there.",
        impact = "The image builds, but every container stops at once with \"Could not find or load main class\""
                + " (ClassNotFoundException): the spring-boot-loader layer holds the launcher under the other package,"
                + " or holds nothing.",
        recommendation = "Start the launcher of the build's release: org.springframework.boot.loader.launch.JarLauncher"
                + " from Spring Boot 3.2 on, org.springframework.boot.loader.JarLauncher before. After a tools"
                + " extraction, add --launcher to it, or start the extracted application jar with java -jar.",
        references = {
                "https://github.com/spring-projects/spring-boot/wiki/Spring-Boot-3.2-Release-Notes#nested-jar-support",
                "https://docs.spring.io/spring-boot/specification/executable-jar/launching.html",
                "https://github.com/spring-projects/spring-boot/issues/38824",
                "https://docs.spring.io/spring-boot/reference/packaging/container-images/dockerfiles.html"},
        fix = FixSafety.NONE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM eclipse-temurin:21.0.5_11-jre AS layers
                        WORKDIR /layers
                        COPY target/inventory.jar app.jar
                        RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination out

                        FROM eclipse-temurin:21.0.5_11-jre
                        WORKDIR /app
                        COPY --from=layers /layers/out/dependencies/ ./
                        COPY --from=layers /layers/out/spring-boot-loader/ ./
                        COPY --from=layers /layers/out/application/ ./
                        USER 1000
                        ENTRYPOINT ["java", "org.springframework.boot.loader.JarLauncher"]
                        """,
                good = """
                        FROM eclipse-temurin:21.0.5_11-jre AS layers
                        WORKDIR /layers
                        COPY target/inventory.jar app.jar
                        RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination out

                        FROM eclipse-temurin:21.0.5_11-jre
                        WORKDIR /app
                        COPY --from=layers /layers/out/dependencies/ ./
                        COPY --from=layers /layers/out/spring-boot-loader/ ./
                        COPY --from=layers /layers/out/application/ ./
                        USER 1000
                        ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
                        """,
                alongside = @ExampleFile(name = "build.gradle", content = """
                        plugins {
                            id 'java'
                            id 'org.springframework.boot' version '3.3.5'
                        }
                        """)))
public final class SpringBootLauncherMoved implements Rule {

    private static final Pattern LAUNCHER = Pattern.compile(
            "org\\.springframework\\.boot\\.loader\\.(launch\\.)?(JarLauncher|WarLauncher|PropertiesLauncher)");

    @Override
    public void check(ReviewContext context) {
        for (Container c : context.builtContainers()) {
            EntryPoint ep = c.entryPoint();
            EffectiveCommand command = c.command();
            if (ep == null || command == null || ep.runtime() != Runtime.JAVA
                    || ep.target().kind() != Target.Kind.CLASS) {
                continue;
            }
            Matcher launcher = LAUNCHER.matcher(ep.target().value());
            if (launcher.matches() && !classPathHasJar(command)) {
                Optional<Call> extract = SpringBootExtracts.withoutLauncher(context, c);
                if (extract.isPresent()) {
                    reportNotExtracted(context, c, command, launcher.group(), extract.get());
                    continue;
                }
            }
            SpringBootBuilds.Build boot = launcher.matches() ? SpringBootBuilds.of(context, c).orElse(null) : null;
            if (boot == null || (launcher.group(1) != null) == boot.launchPackage()) {
                continue;
            }
            String written = launcher.group();
            String wanted = boot.launchPackage() ? "org.springframework.boot.loader.launch." + launcher.group(2)
                    : "org.springframework.boot.loader." + launcher.group(2);
            context.finding(this, WrittenInstructions.commandWord(c, command, written), "`java " + written + "` starts a launcher that Spring"
                            + " Boot " + boot.version() + " (" + boot.file() + ") does not package: "
                            + (boot.launchPackage() ? "from 3.2 on the launchers are in"
                                    + " org.springframework.boot.loader.launch"
                                    : "the launchers moved to org.springframework.boot.loader.launch only in 3.2")
                            + ", so every container stops at once with \"Could not find or load main class "
                            + written + "\"")
                    .recommendation("Start " + wanted + " (ENTRYPOINT [\"java\", \"" + wanted + "\"]).")
                    .add();
        }
    }

    private void reportNotExtracted(ReviewContext context, Container c, EffectiveCommand command, String written,
            Call extract) {
        context.finding(this, WrittenInstructions.commandWord(c, command, written), "`java " + written + "` starts"
                        + " Spring Boot's launcher, but the build unpacks the jar with `" + BuildRuns.describe(extract)
                        + "` (line " + extract.span().startLine() + ") without --launcher, which writes only the"
                        + " application's classes, as a thin jar, and its libraries: the launcher classes are not in the"
                        + " image, so every container stops at once with \"Could not find or load main class "
                        + written + "\"")
                .recommendation("Add --launcher to the extraction on line " + extract.span().startLine()
                        + " (extract --layers --launcher), or keep it and start the application jar it writes, "
                        + SpringBootExtracts.jarName(extract) + ", with ENTRYPOINT [\"java\", \"-jar\", \"" + SpringBootExtracts.jarName(extract)
                        + "\"] in the folder it is copied to.")
                .add();
    }

    /** Whether java is given a class path naming a jar, which may hold the launcher (a fat jar on -cp). */
    private static boolean classPathHasJar(EffectiveCommand command) {
        List<String> args = command.argv();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (CLASS_PATH_OPTIONS.contains(args.get(i)) && args.get(i + 1).contains(".jar")) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> CLASS_PATH_OPTIONS = Set.of("-cp", "-classpath", "--class-path");
}
