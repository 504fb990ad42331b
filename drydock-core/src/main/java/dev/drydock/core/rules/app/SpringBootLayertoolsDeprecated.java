package dev.drydock.core.rules.app;

import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.SpringBootBuilds;
import dev.drydock.core.rules.support.SpringBootExtracts;
import java.util.Optional;

@RuleDefinition(
        id = "spring-boot-layertools-deprecated",
        title = "The image's build unpacks the Spring Boot jar with the layertools jar mode its release deprecates or removed",
        severity = Severity.LOW,
        category = Category.BUILD,
        checks = "`java -Djarmode=layertools -jar ...` in a RUN of an image whose build context holds one Spring Boot"
                + " build (pom.xml's spring-boot-starter-parent, spring-boot-maven-plugin or spring-boot-dependencies"
                + " version, build.gradle's org.springframework.boot plugin version) on 3.3 or later: low from 3.3 to"
                + " 4.0, where the jar mode still works and prints a deprecation warning; high from 4.1, whose jars no"
                + " longer have it. Quiet on earlier releases, where the tools jar mode does not exist, and when the"
                + " version is not written as a number.",
        problem = "Spring Boot 3.3 replaced the layertools jar mode with the tools jar mode (spring-boot-jarmode-tools),"
                + " and Spring Boot 4.1 removed layertools. The two extract differently: layertools writes the layer"
                + " folders into the working directory, while `extract` of the tools mode writes into a folder named"
                + " after the jar unless --destination says otherwise, writes the layers only with --layers, and"
                + " writes the launcher classes only with --launcher.",
        impact = "On 3.3 to 4.0 every build prints a deprecation warning and the Dockerfile breaks at the upgrade; from"
                + " 4.1 the RUN fails with \"Unsupported jarmode 'layertools'\" and the image does not build.",
        recommendation = "Extract with `java -Djarmode=tools -jar app.jar extract --layers --launcher --destination"
                + " extracted`, copy the four layer folders (dependencies, spring-boot-loader, snapshot-dependencies,"
                + " application) from extracted/, and start org.springframework.boot.loader.launch.JarLauncher.",
        references = {
                "https://docs.spring.io/spring-boot/reference/packaging/container-images/dockerfiles.html",
                "https://github.com/spring-projects/spring-boot/wiki/Spring-Boot-3.3-Release-Notes",
                "https://github.com/eclipse-jkube/jkube/issues/3978"},
        fix = FixSafety.NONE,
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM eclipse-temurin:21.0.5_11-jre AS layers
                        WORKDIR /layers
                        COPY build/libs/inventory.jar app.jar
                        RUN java -Djarmode=layertools -jar app.jar extract

                        FROM eclipse-temurin:21.0.5_11-jre
                        WORKDIR /app
                        COPY --from=layers /layers/dependencies/ ./
                        COPY --from=layers /layers/spring-boot-loader/ ./
                        COPY --from=layers /layers/snapshot-dependencies/ ./
                        COPY --from=layers /layers/application/ ./
                        USER 1000
                        ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
                        """,
                good = """
                        FROM eclipse-temurin:21.0.5_11-jre AS layers
                        WORKDIR /layers
                        COPY build/libs/inventory.jar app.jar
                        RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

                        FROM eclipse-temurin:21.0.5_11-jre
                        WORKDIR /app
                        COPY --from=layers /layers/extracted/dependencies/ ./
                        COPY --from=layers /layers/extracted/spring-boot-loader/ ./
                        COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
                        COPY --from=layers /layers/extracted/application/ ./
                        USER 1000
                        ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
                        """,
                alongside = @ExampleFile(name = "build.gradle", content = """
                        plugins {
                            id 'java'
                            id 'org.springframework.boot' version '3.3.5'
                        }
                        """)))
public final class SpringBootLayertoolsDeprecated implements Rule {

    private static final String LAYERS = "dependencies/, spring-boot-loader/, snapshot-dependencies/ and application/";

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            SpringBootBuilds.Build boot = build(context, image).orElse(null);
            if (boot == null || boot.major() < 3 || boot.major() == 3 && boot.minor() < 3) {
                continue;
            }
            boolean removed = boot.major() > 4 || boot.major() == 4 && boot.minor() >= 1;
            for (Call call : SpringBootExtracts.layertools(image)) {
                Call.Arg mode = call.args().stream().filter(a -> a.value().equals("-Djarmode=layertools")).findFirst()
                        .orElseThrow();
                String command = SpringBootExtracts.command(call).map(Call.Arg::value).orElse("");
                context.finding(this, image.dockerfile(), mode.span(), "`" + BuildRuns.describe(call) + "` uses the"
                                + " layertools jar mode, which Spring Boot 3.3 deprecated for the tools jar mode and 4.1"
                                + " removed; the build is on Spring Boot " + boot.version() + " (" + boot.file() + ")"
                                + (removed ? ", whose jar has no layertools: the RUN fails with \"Unsupported jarmode"
                                        + " 'layertools'\" and the image does not build"
                                        : ", so the extraction prints a deprecation warning and stops working at the"
                                                + " upgrade to 4.1"))
                        .severity(removed ? Severity.HIGH : Severity.LOW)
                        .recommendation(command.equals("extract") ? extract(call) : command.equals("list")
                                ? "List the layers with `java -Djarmode=tools -jar " + jar(call) + " list-layers`."
                                : "Use the tools jar mode: `java -Djarmode=tools -jar " + jar(call) + " help` lists"
                                        + " its commands (extract, list-layers).")
                        .add();
            }
        }
    }

    private static String extract(Call call) {
        String jar = jar(call);
        String destination = call.options("--destination").find("--destination").map(o -> o.value()).orElse(null);
        String written = "`java -Djarmode=tools -jar " + jar + " extract --layers --launcher --destination "
                + (destination == null ? "extracted" : destination) + "`";
        String launcher = " --launcher writes the launcher classes into spring-boot-loader/ as layertools did, so"
                + " ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"] starts the"
                + " application; without it the tools mode writes a thin application jar to start with java -jar"
                + " instead.";
        if (destination != null) {
            return "Write " + written + ": it writes the same folders under " + destination + " (" + LAYERS + "), so the"
                    + " COPY lines stay as they are." + launcher;
        }
        String file = SpringBootExtracts.jarName(call);
        String named = file.equals("the application jar") ? "a folder named after the jar"
                : "a folder named after the jar (" + file.replaceFirst("\\.[jw]ar$", "") + "/)";
        return "Write " + written + " and copy the layers from extracted/ (extracted/dependencies/,"
                + " extracted/spring-boot-loader/, extracted/snapshot-dependencies/, extracted/application/): without"
                + " --destination the tools mode writes into " + named + ", not into the working directory as"
                + " layertools did." + launcher;
    }

    /** The jar as the call names it. */
    private static String jar(Call call) {
        for (int i = 0; i + 1 < call.args().size(); i++) {
            if (call.args().get(i).value().equals("-jar")) {
                return call.args().get(i + 1).value();
            }
        }
        return "app.jar";
    }

    private static Optional<SpringBootBuilds.Build> build(ReviewContext context, BuiltImage image) {
        for (Container c : image.containers()) {
            Optional<SpringBootBuilds.Build> found = SpringBootBuilds.of(context, c);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
