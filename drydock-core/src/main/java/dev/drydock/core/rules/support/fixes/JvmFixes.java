package dev.drydock.core.rules.support.fixes;

import dev.drydock.core.rules.support.UserCreation;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.discovery.Language;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.manifest.PomXml;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.ManifestSyntax;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fixes for JVM images: a system user with a fixed UID, and a Maven build split into a JDK builder
 * stage and a JRE runtime stage that runs the jar.
 */
final class JvmFixes {

    /** Official images whose final stage runs a JVM. */
    static final Set<String> JVM_IMAGES = Set.of("eclipse-temurin", "openjdk", "amazoncorretto", "ibm-semeru-runtimes",
            "sapmachine", "maven", "gradle");

    static final String USER = "app";
    static final String UID = "10001";
    /** The JVM sizes its heap from the container's memory limit: three quarters of it, the rest for metaspace, threads, buffers. */
    static final String HEAP = "-XX:MaxRAMPercentage=75";

    private static final Pattern JAVA_IN_TAG = Pattern.compile("(?:temurin|openjdk|jdk|corretto|semeru|sapmachine)-?(\\d+)");

    private JvmFixes() {
    }

    static boolean isJvm(Container container) {
        EntryPoint ep = container.entryPoint();
        return ep != null && ep.runtime().language() == Language.JVM
                || JVM_IMAGES.contains(StackEdits.officialBase(container));
    }

    /**
     * Whether the container runs Maven or Gradle itself: the dev-server fix first makes that stage the
     * builder, and the user belongs to the runtime stage it adds (a builder running as a user without a
     * home and a writable WORKDIR could not build).
     */
    private static boolean runsBuildTool(Container container) {
        EntryPoint ep = container.entryPoint();
        return ep != null && (ep.runtime() == Runtime.SPRING_BOOT_RUN || ep.runtime() == Runtime.MAVEN
                || ep.runtime() == Runtime.GRADLE);
    }

    /**
     * A system user app (UID/GID 10001) made in the final stage with the tools the base image has (useradd, or
     * BusyBox's adduser on Alpine), the stage's copies owned by it, USER app; on an image without useradd (microdnf, Amazon Linux)
     * the numeric USER 10001:10001 with the copies owned by that UID, on an image without a shell 65532:65532.
     */
    static Optional<Fix> runsAsRoot(ReviewContext context, Container container) {
        if (container.user() != null || !isJvm(container) || runsBuildTool(container)) {
            return Optional.empty();
        }
        SourceFile file = StackEdits.dockerfile(context, container).orElse(null);
        if (file == null) {
            return Optional.empty();
        }
        Stage stage = container.build().stage();
        BaseImage base = Stages.rootBase(container.build().model(), stage);
        BaseImageFacts.ImageTools tools = BaseImageFacts.tools(base).orElse(null);
        List<TextEdit> edits = new ArrayList<>();
        String owner;
        String user;
        if (tools != null && !tools.shell()) {
            owner = "65532:65532";
            user = owner;
        } else if (UserCreation.withoutUseradd(tools) != null) {
            // the minimal Red Hat-style images (ubi-minimal, oraclelinux:8-slim under openjdk:17) and Amazon Linux's
            // (amazoncorretto) lack shadow-utils: a numeric user needs no useradd, no package install and no user database
            owner = UID + ":" + UID;
            user = owner;
        } else {
            owner = USER + ":" + USER;
            user = USER;
            boolean alpine = tools != null ? "apk".equals(tools.packageManager())
                    : base instanceof BaseImage.External e && e.expanded() != null && e.expanded().contains("alpine");
            String create = UserCreation.command(alpine, USER, Integer.parseInt(UID));
            edits.add(StackEdits.linesAfter(file, stage.from(), create));
        }
        edits.addAll(StackEdits.chownCopies(file, stage, owner));
        edits.add(StackEdits.userLine(file, stage, "USER " + user));
        return Optional.of(Fix.of("run the JVM as the non-root user " + user + (owner.startsWith(UID)
                ? " (" + tools.image() + " has no useradd: a numeric user needs none)" : ""), FixSafety.UNSAFE, edits));
    }

    /**
     * {@code mvn spring-boot:run} as the command: the stage becomes the builder (AS build, the command
     * replaced by the package RUN) and a JRE stage after it runs the jar the pom names.
     */
    static Optional<Fix> devServer(ReviewContext context, Container container, EntryPoint server) {
        if (server == null || server.runtime() != Runtime.SPRING_BOOT_RUN || server.option("goals") == null
                || container.build() == null || container.build().target() != null) {
            return Optional.empty();
        }
        Instruction cmd = NodeFixes.ownCmd(container);
        SourceFile file = StackEdits.dockerfile(context, container).orElse(null);
        Stage stage = container.build().stage();
        List<Stage> stages = container.build().model() == null ? List.of() : container.build().model().stages();
        if (cmd == null || file == null || stages.isEmpty() || stages.get(stages.size() - 1) != stage
                || stage.nameWord() != null || stages.stream().anyMatch(s -> "build".equals(s.name()))) {
            return Optional.empty();
        }
        String dir = container.build().context();
        String pomPath = PathNames.join(dir, "pom.xml");
        PomXml pom = container.manifests().stream().filter(m -> m.kind() == ManifestKind.POM_XML && m.file().equals(pomPath))
                .findFirst().flatMap(m -> ManifestSyntax.pom(context, m)).orElse(null);
        if (pom == null || !"jar".equals(pom.packaging())) {
            return Optional.empty();
        }
        Step cmdStep = container.build().model().step(cmd).orElse(null);
        String workdir = cmdStep == null || cmdStep.workdir() == null ? "/" : cmdStep.workdir().value();
        String maven = server.args().isEmpty() ? "mvn" : server.args().get(0);

        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.insert(file.path(), stage.from().span().end(), " AS build"));
        boolean packaged = stage.runs().stream().anyMatch(r -> r.shellText() != null
                && r.shellText().matches("(?s).*\\b(mvn|mvnw)\\b.*\\b(package|install|verify)\\b.*"));
        edits.add(packaged ? SourceEdits.deleteLines(file, cmd.startLine(), cmd.span().endLine())
                : TextEdit.replace(file.path(), cmd.span(), "RUN " + maven + " -B -DskipTests package"));

        List<String> runtime = new ArrayList<>();
        runtime.add("");
        runtime.add("FROM " + runtimeImage(pom, stage));
        runtime.add("WORKDIR /app");
        runtime.add("COPY --from=build " + PathNames.join(workdir.endsWith("/") ? workdir : workdir + "/", "target/")
                .replace("//", "/") + jarName(pom) + " app.jar");
        for (Step step : stage.steps()) {
            Instruction instruction = step.instruction();
            InstructionKind kind = instruction.kind();
            if (kind == InstructionKind.EXPOSE || kind == InstructionKind.HEALTHCHECK || kind == InstructionKind.LABEL
                    || kind == InstructionKind.STOPSIGNAL || kind == InstructionKind.VOLUME) {
                runtime.add(instruction.rawText());
                edits.add(SourceEdits.deleteLines(file, instruction.startLine(), instruction.span().endLine()));
            } else if (kind == InstructionKind.ENV && !instruction.rawText().contains("MAVEN")) {
                runtime.add(instruction.rawText());
            }
        }
        runtime.add("ENTRYPOINT " + Probes.json(List.of("java", HEAP, "-jar", "/app/app.jar")));
        Instruction last = stage.steps().get(stage.steps().size() - 1).instruction();
        edits.add(StackEdits.linesAfter(file, last, String.join("\n", runtime)));
        return Optional.of(Fix.of("build the jar in a builder stage and run it on a JRE", FixSafety.UNSAFE, edits)
                .restructuring());
    }

    /** eclipse-temurin:N-jre for the Java version of the pom, else of the builder image's tag (21 when neither says). */
    private static String runtimeImage(PomXml pom, Stage stage) {
        String version = pom.javaVersion().map(v -> v.replaceFirst("^1\\.", "")).filter(v -> v.matches("\\d+")).orElse(null);
        String written = stage.base() instanceof BaseImage.External e && e.expanded() != null ? e.expanded() : "";
        if (version == null) {
            Matcher m = JAVA_IN_TAG.matcher(written);
            version = m.find() ? m.group(1) : "21";
        }
        return "eclipse-temurin:" + version + "-jre" + (written.contains("alpine") ? "-alpine" : "");
    }

    /** The jar Maven packages: the build's finalName, else artifactId-version; *.jar when the pom does not say. */
    private static String jarName(PomXml pom) {
        String name = pom.finalName().isPresent() ? pom.resolve(pom.finalName().get())
                : pom.artifactId().isPresent() && pom.version().isPresent()
                        ? pom.resolve(pom.artifactId().get() + "-" + pom.version().get()) : null;
        return name == null || name.contains("${") ? "*.jar" : name + ".jar";
    }
}
