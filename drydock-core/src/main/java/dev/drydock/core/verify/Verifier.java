package dev.drydock.core.verify;

import dev.drydock.core.compose.Service;
import dev.drydock.core.fix.FileChange;
import dev.drydock.core.fix.FixOptions;
import dev.drydock.core.fix.FixResult;
import dev.drydock.core.fix.FixWriter;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.source.SourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Verifies a project: builds each container's image as the project is and as {@code drydock fix
 * --unsafe} would leave it (written into a temporary copy; the project itself is never touched),
 * runs both, and checks them. Temporary folders, images and containers are removed at the end.
 */
public final class Verifier {

    private final ContainerEngine engine;
    private final VerifyOptions options;
    private final ProjectLoader loader;
    private final dev.drydock.core.config.DrydockConfig config;
    private final RunPlanner planner = new RunPlanner();

    public Verifier(ContainerEngine engine, VerifyOptions options) {
        this(engine, options, dev.drydock.core.config.DrydockConfig.NONE);
    }

    /** A verifier whose fixes follow a project's configuration (suppressions, exclusions). */
    public Verifier(ContainerEngine engine, VerifyOptions options, dev.drydock.core.config.DrydockConfig config) {
        this.engine = engine;
        this.options = options;
        this.config = config;
        this.loader = config.loader();
    }

    public VerifyReport verify(Path path) {
        Project project = loader.load(path);
        FixResult fixes = config.fixEngine().fix(project, config.reviewer().review(project), FixOptions.withUnsafe());
        List<String> problems = new ArrayList<>();
        List<Container> buildable = buildable(project, problems);
        if (buildable.isEmpty()) {
            problems.add("nothing to build: no Dockerfile, and no compose service with a build");
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> images = new ArrayList<>();
        Path copy = null;
        try {
            copy = fixedCopy(project.root(), fixes.changes());
            Project fixed = loader.load(copy.resolve(relative(project.root(), path)));
            List<ContainerVerification> results = new ArrayList<>();
            for (Container container : buildable) {
                ImageVerification before = verify(project.root(), container, tag(container, "before", run), images);
                Container after = fixed.container(container.name()).filter(c -> c.build() != null).orElse(null);
                ImageVerification afterResult = after == null ? null : verify(copy, after, tag(container, "after", run), images);
                results.add(new ContainerVerification(container.name(), container.build().dockerfile(), before, afterResult));
            }
            return new VerifyReport(path.toString(), engine.name(), fixes.applied().size(),
                    fixes.changes().stream().map(FileChange::path).toList(), results, problems);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the fixed copy: " + e.getMessage(), e);
        } finally {
            if (!options.keep()) {
                images.forEach(engine::removeImage);
                if (copy != null) {
                    try {
                        ProjectCopy.delete(copy);
                    } catch (IOException ignored) {
                        // a temporary folder left behind is not worth failing the verification
                    }
                }
            }
        }
    }

    /** The containers built from a Dockerfile in the project; the others are noted as problems. */
    private static List<Container> buildable(Project project, List<String> problems) {
        List<Container> result = new ArrayList<>();
        for (Container container : project.containers()) {
            BuildLink build = container.build();
            if (build == null) {
                continue;
            }
            if (build.model() == null || build.dockerfile() == null) {
                problems.add(container.name() + ": its Dockerfile cannot be read; not verified");
            } else if (build.context().startsWith("..") || build.dockerfile().startsWith("..")) {
                problems.add(container.name() + ": its build context is outside the project folder; not verified");
            } else {
                result.add(container);
            }
        }
        return result;
    }

    private ImageVerification verify(Path root, Container container, String tag, List<String> images) {
        BuildLink build = container.build();
        Path context = build.context().isEmpty() ? root : root.resolve(build.context());
        BuildRequest request = new BuildRequest(tag, root.resolve(build.dockerfile()), context, build.target(),
                buildArgs(container.service()));
        CommandResult result = engine.build(request, options.buildTimeout());
        images.add(tag);
        List<CheckResult> checks = new ArrayList<>();
        if (!result.ok()) {
            checks.add(CheckResult.fail("build", "the build failed: " + result.failure()).withLines(result.tail(30))
                    .with("durationMillis", result.elapsed().toMillis()));
            return new ImageVerification(tag, checks, List.of());
        }
        checks.add(CheckResult.pass("build", "built in " + Durations.seconds(result.elapsed()))
                .with("durationMillis", result.elapsed().toMillis()));
        ImageInfo image;
        try {
            image = engine.inspectImage(tag);
        } catch (EngineException e) {
            checks.add(CheckResult.fail("size", e.getMessage()));
            return new ImageVerification(tag, checks, List.of());
        }
        checks.add(SizeCheck.evaluate(image));
        RunPlan plan = planner.plan(container, image, tag, "drydock-verify-" + tag.substring(tag.lastIndexOf(':') + 1));
        checks.addAll(new ContainerChecks(engine, options.healthCap(), options.keep()).run(plan, image));
        return new ImageVerification(tag, checks, plan.notes());
    }

    private static Map<String, String> buildArgs(Service service) {
        Map<String, String> args = new LinkedHashMap<>();
        if (service != null && service.build() != null) {
            for (Service.KeyValue arg : service.build().args()) {
                if (arg.value() != null) {
                    args.put(arg.name(), arg.value().value());
                }
            }
        }
        return args;
    }

    private static String tag(Container container, String phase, String run) {
        String name = container.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return "localhost/drydock-verify/" + (name.isEmpty() ? "image" : name) + ":" + phase + "-" + run;
    }

    private static Path fixedCopy(Path root, List<FileChange> changes) throws IOException {
        Path copy = ProjectCopy.of(root);
        try {
            new FixWriter(copy).write(changes);
        } catch (FixWriter.RefusedException e) {
            ProjectCopy.delete(copy);
            throw SourceException.ofFile(e.path(), "cannot write the fixed copy: " + e.getMessage());
        }
        return copy;
    }

    private static Path relative(Path root, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            Path real = Files.exists(absolute) ? absolute.toRealPath() : absolute;
            Path realRoot = root.toRealPath();
            return real.startsWith(realRoot) ? realRoot.relativize(real) : Path.of("");
        } catch (IOException e) {
            return Path.of("");
        }
    }
}
