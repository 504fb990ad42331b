package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.project.BuildTool;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.DeclaredBuild;
import dev.drydock.core.project.Project;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.source.SourceFile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildFolders;
import dev.drydock.core.rules.support.ComposeJobs;
import dev.drydock.core.rules.support.RepositoryUrl;
import dev.drydock.core.rules.support.BuiltImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@RuleDefinition(
        id = "oci-labels-missing",
        title = "Image has no OCI labels",
        severity = Severity.MEDIUM,
        category = Category.MAINTAINABILITY,
        checks = "The labels of the final stage (LABEL in it or in the stages it is built on): fires when none has"
                + " an org.opencontainers.image.* key. Labels a build of that image adds count: compose build.labels"
                + " with such a key, a docker/podman/buildah build command in CI or a script with --label"
                + " org.opencontainers.image..., a docker/build-push-action step whose labels have such a key or take"
                + " a docker/metadata-action step's outputs.labels, a Bake target whose labels (inherited ones"
                + " included) have such a key or that inherits docker-metadata-action, a GoReleaser dockers entry"
                + " with a --label=org.opencontainers.image... build flag or a dockers_v2 entry with such a label."
                + " Only the builds of the same"
                + " Dockerfile and stage count: another image's labels leave this one unlabelled; a labelling build"
                + " whose Dockerfile is given by a variable (a matrix of images) counts for every image no build"
                + " names."
                + " Reported at the final stage's FROM. Quiet when the project"
                + " configures a label schema: required-label-missing then checks the labels the project asks for."
                + " A dev container's image, an image built from a Dockerfile named for development or tests"
                + " (Dockerfile.dev, Dockerfile.test) that nothing deploys, and a development or test stage built as a"
                + " target before the Dockerfile's last stage, are left alone: they are built on developers' machines or in CI and never published.",
        problem = "Without the standard OCI annotations the image does not say what it is, which version it is, or"
                + " which repository and commit it was built from.",
        impact = "Registries, scanners and people looking at a running container cannot trace it back to its"
                + " source and commit; finding which release a vulnerable image belongs to takes guesswork.",
        recommendation = "Add LABEL org.opencontainers.image.title, .description, .source, .version and .revision to"
                + " the final stage, the version and commit passed in as build arguments.",
        references = {
                "https://github.com/opencontainers/image-spec/blob/main/annotations.md",
                "https://docs.docker.com/reference/dockerfile/#label",
                "https://docs.docker.com/build/metadata/annotations/"},
        fix = FixSafety.SAFE,
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        COPY app.py /app/app.py
                        CMD ["python", "/app/app.py"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        ARG REVISION
                        LABEL org.opencontainers.image.source="https://github.com/example/notes" \\
                              org.opencontainers.image.revision=$REVISION
                        COPY app.py /app/app.py
                        CMD ["python", "/app/app.py"]
                        """))
public final class OciLabelsMissing implements Rule {

    static final String PREFIX = "org.opencontainers.image.";

    @Override
    public void check(ReviewContext context) {
        if (!context.settings().labelSchema().isEmpty()) {
            return;
        }
        Map<String, java.util.Set<String>> titles = new LinkedHashMap<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            titles.computeIfAbsent(key(image), k -> new java.util.LinkedHashSet<>()).add(title(image, context.project()));
        }
        // one stage built with other build arguments (FROM ${BASE_IMAGE}) is one place to label: one finding
        Map<String, List<BuiltImage>> unlabelled = new LinkedHashMap<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            var labels = image.stage().config().labels();
            if (image.builtForDevelopment() || image.isDevelopmentTarget()) {
                continue; // built on developers' machines (or for tests) and never published
            }
            if (labels.keySet().stream().anyMatch(k -> k.toLowerCase(Locale.ROOT).startsWith(PREFIX))
                    || image.containers().stream().anyMatch(OciLabelsMissing::composeLabelsImage)
                    || labelledByBuild(image, context.project())) {
                continue;
            }
            unlabelled.computeIfAbsent(key(image), k -> new java.util.ArrayList<>()).add(image);
        }
        for (List<BuiltImage> sameStage : unlabelled.values()) {
            BuiltImage image = sameStage.get(0);
            var labels = image.stage().config().labels();
            List<String> froms = sameStage.stream().map(OciLabelsMissing::from).filter(java.util.Objects::nonNull)
                    .distinct().toList();
            StringBuilder message = new StringBuilder(image.model().stages().size() == 1 ? "the image"
                    : image.stage().name() == null ? "the final stage"
                    : "the final stage \"" + image.stage().writtenName() + "\"");
            if (froms.size() == 1) {
                message.append(" (FROM ").append(froms.get(0)).append(')');
            } else if (froms.size() > 1) {
                message.append(" (FROM ").append(String.join(", ", froms.subList(0, froms.size() - 1)))
                        .append(" or ").append(froms.get(froms.size() - 1)).append(", by build argument)");
            }
            message.append(" sets no org.opencontainers.image.* label");
            if (!labels.isEmpty()) {
                message.append(": it has ").append(String.join(", ", labels.keySet()))
                        .append(" but none of the standard keys");
            }
            List<String> containerLabels = containerLabels(image);
            if (!containerLabels.isEmpty()) {
                message.append("; ").append(image.container().composeFile()).append(" labels the running container (")
                        .append(String.join(", ", containerLabels)).append("), not the image");
            }
            context.finding(this, new Location(image.dockerfile(), image.stage().from().span()), message.toString())
                    .implicit()
                    .recommendation(recommendation(image, context.project(), List.copyOf(titles.get(key(image)))))
                    .fix(fix(image, context.project(), titles.get(key(image)).size() > 1))
                    .add();
        }
    }

    /** The base image the stage is built from, as its build arguments make it; null when it is another stage. */
    private static String from(BuiltImage image) {
        return image.rootBase() instanceof BaseImage.External e ? (e.expanded().isBlank() ? e.written() : e.expanded())
                : image.rootBase() instanceof BaseImage.Scratch ? "scratch" : null;
    }

    /**
     * A LABEL after the final stage's FROM with what the project itself tells: the title and, when git
     * knows it, the source repository. Version and revision change with every build: they come from
     * build arguments (or CI's metadata-action), which the fix leaves to the recommendation because an ARG
     * declared here would also enter every later RUN's cache key.
     */
    private static Fix fix(BuiltImage image, Project project, boolean shared) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (!shared) {
            labels.put(PREFIX + "title", title(image, project));
        }
        RepositoryUrl.of(project).ifPresent(url -> labels.put(PREFIX + "source", url));
        if (labels.isEmpty()) {
            return null; // one title written into a Dockerfile several images are built from would be wrong for the rest
        }
        Instruction from = image.stage().from();
        SourceFile file = from.file();
        int line = file.position(Math.max(from.span().start(), from.span().end() - 1)).line();
        String indent = SourceEdits.indentation(file, file.position(from.span().start()).line());
        char escape = image.model().syntax().escapeChar();
        StringBuilder text = new StringBuilder(indent).append("LABEL ");
        int i = 0;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (i++ > 0) {
                text.append(' ').append(escape).append('\n').append(indent).append("      ");
            }
            text.append(label.getKey()).append("=\"").append(label.getValue().replace("\\", "\\\\")
                    .replace("\"", "\\\"")).append('"');
        }
        return Fix.of("add OCI labels (" + String.join(", ", labels.keySet().stream()
                .map(k -> k.substring(PREFIX.length())).toList()) + ")", FixSafety.SAFE,
                SourceEdits.insertLinesAfter(file, line, text.toString()));
    }

    private static String recommendation(BuiltImage image, Project project, List<String> titles) {
        DeclaredBuild goreleaser = image.declaredBuilds(project).stream()
                .filter(b -> b.tool() == BuildTool.GORELEASER).findFirst().orElse(null);
        if (goreleaser != null) {
            return "Label the image where GoReleaser builds it (" + goreleaser.origin() + "): add"
                    + " --label=org.opencontainers.image.title={{ .ProjectName }},"
                    + " --label=org.opencontainers.image.source={{ .GitURL }},"
                    + " --label=org.opencontainers.image.version={{ .Version }} and"
                    + " --label=org.opencontainers.image.revision={{ .FullCommit }} to its build_flag_templates"
                    + " (for a dockers_v2 entry, the same keys under labels:).";
        }
        String title = titles.size() > 1 ? "$TITLE" : title(image, project);
        String source = RepositoryUrl.of(project)
                .map(url -> " org.opencontainers.image.source=\"" + url + "\"").orElse("");
        String shared = titles.size() > 1 ? " The images built from " + image.dockerfile() + " are "
                + String.join(", ", titles) + ": declare ARG TITLE as well and pass each its name as a build argument"
                + " (compose: build.args), so that no image carries another's title." : "";
        return "Add to the final stage: ARG VERSION and ARG REVISION, then LABEL org.opencontainers.image.title=\""
                + title + "\"" + source
                + " org.opencontainers.image.version=\"$VERSION\" org.opencontainers.image.revision=\"$REVISION\";"
                + (source.isEmpty() ? " add org.opencontainers.image.source with the repository's web address once it has one;" : "")
                + " build with --build-arg VERSION=$(git describe --tags --always) --build-arg REVISION=$(git rev-parse HEAD)"
                + " (docker/metadata-action does this in GitHub Actions)." + shared;
    }

    /** The Dockerfile stage an image is built from; several images (other build arguments) may share it. */
    private static String key(BuiltImage image) {
        return image.dockerfile() + "#" + image.stage().index();
    }

    /**
     * The image's name as the project calls it: the compose image name, else the service name, else the name a CI
     * or task file tags it with ({@code $CI_REGISTRY_IMAGE/api:$CI_COMMIT_SHA}), else the build context's folder; for
     * a build from the project's root, the Dockerfile's own name ({@code api.Dockerfile}) or folder
     * ({@code apps/api/Dockerfile}), as in a monorepo.
     */
    /** Names a Dockerfile may carry for the environment or way it builds in ({@code prod.Dockerfile}). */
    private static final Set<String> VARIANTS = Set.of("prod", "production", "dev", "development", "local", "release",
            "test", "staging", "debug", "final", "runtime", "multistage", "multi-stage", "default", "main", "standard",
            "full", "slim", "alpine", "debian", "ubuntu", "distroless");

    /** Service names that tell the role of a container in any project, not which application it is. */
    private static final Set<String> GENERIC_SERVICES = Set.of("web", "app", "application", "server", "main",
            "service", "site", "webapp");

    /** The project name Compose gives the service's project (its name:, else its folder's), or "". */
    private static String composeProjectName(Project project, Container c) {
        return project.composeProjects().stream().filter(p -> p.services().containsValue(c.service()))
                .map(dev.drydock.core.compose.ComposeProject::projectName).filter(n -> n != null && !n.equals("."))
                .findFirst().orElse("");
    }

    private static String title(BuiltImage image, Project project) {
        Container c = named(image);
        if (c.image() != null && !c.image().isBlank()) {
            String name = c.image();
            int slash = name.lastIndexOf('/');
            name = slash < 0 ? name : name.substring(slash + 1);
            int colon = name.indexOf(':');
            return colon < 0 ? name : name.substring(0, colon);
        }
        if (c.isComposeService()) {
            String composeName = GENERIC_SERVICES.contains(c.name()) ? composeProjectName(project, c) : "";
            return composeName.isEmpty() ? c.name() : composeName;
        }
        String tagged = c.build() == null ? null : c.build().tags().stream().map(OciLabelsMissing::repositoryName)
                .filter(n -> n != null).findFirst().orElse(null);
        if (tagged != null) {
            return tagged;
        }
        String dir = c.build() == null ? PathNames.parent(image.dockerfile()) : c.build().context();
        if (!dir.isEmpty() && !dir.equals("/")) {
            return BuildFolders.naming(dir);
        }
        String file = PathNames.fileName(image.dockerfile());
        if (file.toLowerCase(Locale.ROOT).endsWith(".dockerfile") && file.length() > ".dockerfile".length()) {
            String named = file.substring(0, file.length() - ".dockerfile".length()); // api.Dockerfile
            if (!BuildFolders.holdsDockerfiles(named) && !VARIANTS.contains(named.toLowerCase(Locale.ROOT))) {
                return named; // build.Dockerfile or prod.Dockerfile name a way of building, not the image
            }
        }
        String own = PathNames.fileName(PathNames.parent(image.dockerfile()));
        if (!own.isEmpty() && !BuildFolders.holdsDockerfiles(own)) {
            return own;
        }
        Path folder = project.root().toAbsolutePath().getFileName();
        return folder == null ? "app" : folder.toString();
    }


    /**
     * The container the image is named after when several compose services run it: one with a literal image name,
     * else the one that serves (publishes ports, is routed to by Traefik, or has a healthcheck), else one that is not a
     * one-off task (prestart, migrate), else the first.
     */
    private static Container named(BuiltImage image) {
        List<Container> all = image.containers();
        return all.stream().filter(c -> c.image() != null && !c.image().isBlank() && !c.image().contains("$"))
                .findFirst()
                .or(() -> all.stream().filter(OciLabelsMissing::serves).findFirst())
                .or(() -> all.stream().filter(c -> c.service() != null && !ComposeJobs.isOneOff(c.service())).findFirst())
                .orElse(image.container());
    }

    private static boolean serves(Container c) {
        Service s = c.service();
        return s != null && (!s.ports().isEmpty() || s.healthcheck() != null
                || s.labels().keySet().stream().anyMatch(k -> k.startsWith("traefik.http.")));
    }

    /** The last part of an image name written in a tag, without registry or tag; null when it holds a variable. */
    private static String repositoryName(String tag) {
        String name = tag.strip();
        int slash = name.lastIndexOf('/');
        name = slash < 0 ? name : name.substring(slash + 1);
        int colon = name.indexOf(':');
        name = colon < 0 ? name : name.substring(0, colon);
        int at = name.indexOf('@');
        name = at < 0 ? name : name.substring(0, at);
        return name.isEmpty() || name.contains("$") || name.contains("{") || name.contains("\"") ? null : name;
    }

    /**
     * Whether a declared build of the image labels it; or, for an image no declared build places, whether a build
     * whose Dockerfile drydock cannot tell does (a matrix of contexts): it may be this image's.
     */
    private static boolean labelledByBuild(BuiltImage image, Project project) {
        List<DeclaredBuild> builds = image.declaredBuilds(project);
        return builds.stream().anyMatch(b -> b.labels().oci())
                || builds.isEmpty() && !project.unplacedLabelledBuilds().isEmpty();
    }

    private static boolean composeLabelsImage(Container container) {
        Service service = container.service();
        if (service == null || service.build() == null) {
            return false;
        }
        return service.build().labels().keySet().stream().anyMatch(k -> k.toLowerCase(Locale.ROOT).startsWith(PREFIX));
    }

    private static List<String> containerLabels(BuiltImage image) {
        List<String> out = new ArrayList<>();
        for (Container c : image.containers()) {
            if (c.service() != null) {
                for (String key : c.service().labels().keySet()) {
                    if (!out.contains(key)) {
                        out.add(key);
                    }
                }
            }
        }
        return out;
    }
}
