package dev.drydock.core.project;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.BuildOptions;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.ImageConfig;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.entrypoint.BuildOutputs;
import dev.drydock.core.entrypoint.ContextPaths;
import dev.drydock.core.entrypoint.Copy;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.EntryPoints;
import dev.drydock.core.entrypoint.Invocation;
import dev.drydock.core.entrypoint.ScriptFiles;
import dev.drydock.core.ignore.DockerIgnore;
import dev.drydock.core.image.DenoImages;
import dev.drydock.core.image.JavaEntrypointImages;
import dev.drydock.core.image.JupyterStackImages;
import dev.drydock.core.image.PublishersImages;
import dev.drydock.core.image.TorchServeImages;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.Span;
import dev.drydock.core.supervisor.Supervision;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Links what runs to what builds it: compose services and lone Dockerfiles become {@link Container}s. */
final class ContainerLinker {

    private final ProjectLoader.Reading reading;
    private final Set<String> missingDockerfiles = new HashSet<>();
    /** The start scripts parsed so far, by project path: each parsed once however many images copy it. */
    private final Map<String, dev.drydock.core.shell.ShellScript> scriptParses = new java.util.concurrent.ConcurrentHashMap<>();

    ContainerLinker(ProjectLoader.Reading reading) {
        this.reading = reading;
    }

    List<Container> link() {
        List<Container> containers = new ArrayList<>();
        Set<String> built = new HashSet<>();
        Map<Service, BuildLink> builds = new IdentityHashMap<>();
        PublishedImages published = new PublishedImages();
        for (ComposeProject compose : reading.composeProjects) {
            for (Service service : compose.services().values()) {
                BuildLink build = build(service, compose.variables());
                if (build != null) {
                    builds.put(service, build);
                    if (service.image() != null) {
                        published.built(service.image().value(), build);
                    }
                }
            }
        }
        for (ComposeProject compose : reading.composeProjects) {
            for (Service service : compose.services().values()) {
                if (!reading.reviews(compose, service)) {
                    continue;
                }
                BuildLink build = builds.get(service);
                Pulled pulled = build == null && service.build() == null && service.image() != null
                        ? pulledBuild(published, service.image().value()) : null;
                Container container = service(service, compose.variables(),
                        pulled == null ? build : pulled.build(), pulled == null ? null : pulled.link());
                if (container.build() != null) {
                    built.add(container.build().dockerfile());
                }
                containers.add(container);
            }
        }
        Map<String, BuildLink> composeBuilds = new LinkedHashMap<>();
        for (Container container : containers) {
            if (container.build() != null) {
                composeBuilds.putIfAbsent(container.build().dockerfile(), container.build());
            }
        }
        for (ProjectEntry entry : reading.layout.dockerfiles()) {
            DockerfileSource source = reading.dockerfiles.get(entry.path());
            if (source == null) {
                continue;
            }
            if (!built.contains(entry.path())) {
                containers.add(lone(entry.path(), source, null));
            } else if (composeBuilds.containsKey(entry.path())) {
                Container image = lone(entry.path(), source, composeBuilds.get(entry.path()).context());
                if (unbuiltDefault(image, containers)) {
                    containers.add(image);
                }
            }
        }
        return containers;
    }

    /**
     * Whether the image a Dockerfile's own build makes (the one CI, Kamal or {@code docker build} produce: their
     * target, else the last stage) is one no compose service builds: the services build only other stages of it, such
     * as {@code target: development}. A development or test stage as that image is left out: the services' stage is
     * then the product.
     */
    private static boolean unbuiltDefault(Container image, List<Container> containers) {
        Stage stage = image.build().stage();
        if (stage == null || DevelopmentStages.named(stage.name())) {
            return false;
        }
        return containers.stream().map(Container::build).noneMatch(b -> b != null && b.stage() != null
                && b.dockerfile().equals(image.build().dockerfile()) && b.stage().index() == stage.index());
    }

    /**
     * The build of an image a service pulls by name that the project itself builds, with what ties them: another
     * service builds it under that name, or the CI or task files build and tag it so ({@code docker build -t org/app},
     * {@code tags:} of docker/build-push-action), or, failing both, {@link #projectNamed names alone}. Null when no
     * build, or builds of several Dockerfiles, match.
     */
    private Pulled pulledBuild(PublishedImages published, String image) {
        BuildLink composeBuilt = published.builtBy(image);
        if (composeBuilt != null) {
            return new Pulled(composeBuilt, new ImageLink(image, ImageLink.Evidence.COMPOSE_BUILD, composeBuilt.origin()));
        }
        if (PublishersImages.publishers(image)) {
            return null; // compose pulls the publisher's image, whatever a CI file tags with that name
        }
        DeclaredBuild declared = published.declared(image, reading.declaredBuilds());
        if (declared == null) {
            return projectNamed(image);
        }
        DockerfileSource source = reading.dockerfile(declared.dockerfile());
        return source == null || !source.parsed() ? null : new Pulled(declaredLink(declared.dockerfile(), source, declared),
                new ImageLink(image, ImageLink.Evidence.CI_BUILD, declared.origin()));
    }

    /**
     * The project's Dockerfile for an image named after the project folder ({@code ghcr.io/acme/shop} in a folder
     * {@code shop}): only when the image has an owner (no official image such as {@code postgres}), the project has
     * one Dockerfile, at its root, whose image serves something (a command or an exposed port) and is not built on
     * that same image (a Dockerfile that extends the image the service pulls does not build it).
     */
    private Pulled projectNamed(String image) {
        Path folder = reading.layout.root().getFileName();
        String repository = PublishedImages.repository(image);
        if (folder == null || repository == null || repository.startsWith("docker.io/library/")) {
            return null;
        }
        String path = repository.substring(repository.indexOf('/') + 1);
        if (!path.contains("/") || !path.substring(path.lastIndexOf('/') + 1)
                .equals(folder.toString().toLowerCase(java.util.Locale.ROOT))) {
            return null; // no owner, or another name
        }
        List<ProjectEntry> dockerfiles = reading.layout.dockerfiles();
        if (dockerfiles.size() != 1 || !dockerfiles.get(0).path().equals("Dockerfile")) {
            return null;
        }
        DockerfileSource source = reading.dockerfile("Dockerfile");
        if (source == null || !source.parsed()) {
            return null;
        }
        BuildLink build = loneBuild("Dockerfile", source, null);
        Stage stage = build.stage();
        if (stage == null || stage.config().cmd() == null && stage.config().entrypoint() == null
                && stage.config().exposedPorts().isEmpty()) {
            return null;
        }
        Stage root = stage;
        while (root.base() instanceof BaseImage.OfStage parent) {
            root = build.model().stages().get(parent.stageIndex());
        }
        if (root.base() instanceof BaseImage.External base
                && repository.equals(base.reference().fullName())) {
            return null;
        }
        return new Pulled(build, new ImageLink(image, ImageLink.Evidence.PROJECT_NAME, null));
    }

    /** A build of a Dockerfile for a service that pulls its image, and why it is that image's. */
    private record Pulled(BuildLink build, ImageLink link) {}

    private Container service(Service service, dev.drydock.core.compose.Variables variables, BuildLink build,
            ImageLink imageLink) {
        Origin origin = origin(service.nameKey());
        Stage stage = build == null ? null : build.stage();
        ImageConfig config = stage == null ? ImageConfig.EMPTY : stage.config();
        ScriptFiles scripts = scripts(build);
        EffectiveCommand command = command(config, baseEntrypoint(build, scripts), service.entrypoint(),
                service.command());
        Map<String, String> env = new LinkedHashMap<>(stage == null ? Map.of() : envOf(stage));
        for (Service.EnvVar var : service.environment()) {
            if (var.value() != null) {
                env.put(var.name(), var.value().value());
            }
        }
        String workdir = service.workingDir() != null ? service.workingDir().value()
                : config.workdir() != null ? config.workdir().value() : "/";
        EntryPoint entryPoint = BuildOutputs.read(entryPoint(command, env, workdir, scripts), copiedSources(build));
        Container.Setting user = service.user() != null
                ? new Container.Setting(service.user().value(), origin(service.user().node()))
                : imageUser(config);
        EffectiveHealthcheck health = service.healthcheck() != null ? composeHealthcheck(service.healthcheck())
                : EffectiveHealthcheck.of(config.healthcheck());
        String image = service.image() != null ? named(service.image().value()) : null;
        String composeFile = service.nameKey().file().path();
        return new Container(service.name(), service, composeFile, origin, build, image, manifests(build),
                command, entryPoint, entryFiles(entryPoint, build), health, user, supervision(entryPoint, command, build), imageLink,
                scripts);
    }

    /**
     * An image name, or null when its repository is empty: {@code ${DOCKER_IMAGE_BACKEND?Variable not set}:${TAG-latest}}
     * read with the variable unset is {@code :latest}, which names nothing (Compose refuses to start with it).
     */
    private static String named(String image) {
        String name = image.strip();
        return name.isEmpty() || name.startsWith(":") || name.startsWith("@") || name.startsWith("/") ? null : image;
    }

    /**
     * The image a Dockerfile's own build makes: as CI or task files, a dev container configuration or Kamal build it,
     * else with default arguments from {@code context} (null: the folder {@link LoneBuildContext} finds).
     */
    private Container lone(String path, DockerfileSource source, String context) {
        BuildLink build = loneBuild(path, source, context);
        Stage stage = build.stage();
        ImageConfig config = stage == null ? ImageConfig.EMPTY : stage.config();
        ScriptFiles scripts = scripts(build);
        EffectiveCommand command = command(config, baseEntrypoint(build, scripts), null, null);
        String workdir = config.workdir() != null ? config.workdir().value() : "/";
        EntryPoint entryPoint = BuildOutputs.read(entryPoint(command, stage == null ? Map.of() : envOf(stage), workdir, scripts),
                copiedSources(build));
        Origin origin = stage == null ? new Origin(path, null) : origin(path, stage.from().span());
        return new Container(path, null, null, origin, build, null, manifests(build), command, entryPoint,
                entryFiles(entryPoint, build), EffectiveHealthcheck.of(config.healthcheck()), imageUser(config),
                supervision(entryPoint, command, build), null, scripts);
    }

    /**
     * How a Dockerfile's own build makes its image: as CI or task files, a dev container configuration or Kamal
     * declare, else alone with default arguments from {@code context} (null: the folder {@link LoneBuildContext} finds).
     */
    private BuildLink loneBuild(String path, DockerfileSource source, String context) {
        DeclaredBuild declared = reading.declaredBuild(path);
        if (declared == null) {
            declared = reading.devContainerBuild(path);
        }
        if (declared == null) {
            declared = KamalBuilder.of(reading, path);
        }
        if (declared == null) {
            declared = FlyBuilder.of(reading, path);
        }
        return declared != null ? declaredLink(path, source, declared)
                : buildLink(path, context != null ? context : LoneBuildContext.of(reading.layout.root(), path, source.model()),
                        null, source.model(),
                        source.model() == null ? null : source.model().targetStage().orElse(null), null, List.of());
    }

    /** The build the CI or task files declare: their context, target and literal build arguments. */
    private BuildLink declaredLink(String path, DockerfileSource source, DeclaredBuild declared) {
        DockerfileModel model = source.model();
        String target = declared.target();
        if (model != null && (target != null || !declared.args().isEmpty())) {
            model = DockerfileModel.of(source.syntax(),
                    BuildOptions.DEFAULT.withBuildArgs(declared.args()).withTarget(target));
            if (target != null && model.stage(target).isEmpty()) {
                target = null;
            }
        }
        Stage stage = model == null ? null : model.targetStage().orElse(null);
        return buildLink(path, declared.context(), target, model, stage, declared.origin(), declared.tags(),
                declared.supplied(), declared.tool().assemblesContext());
    }

    private BuildLink build(Service service, dev.drydock.core.compose.Variables variables) {
        Service.Build build = service.build();
        if (build == null) {
            return null;
        }
        if (build.contextDir() == null) {
            return null; // a remote context: nothing in the project to link
        }
        String context = relative(build.contextDir());
        String dockerfile = build.dockerfilePath() == null ? null : relative(build.dockerfilePath());
        if (context == null || dockerfile == null) {
            Node at = build.context() != null ? build.context().node() : build.node();
            reading.diagnostics.add(Diagnostic.at(Diagnostic.Level.WARNING, at.file(), at.span(),
                    "the build context or Dockerfile is outside the project folder; it is not reviewed"));
            return null;
        }
        DockerfileSource source = missing(build, context, dockerfile) ? null : reading.dockerfile(dockerfile);
        Map<String, String> args = new LinkedHashMap<>();
        for (Service.KeyValue arg : build.args()) {
            if (arg.value() != null) {
                args.put(arg.name(), arg.value().value());
            } else if (variables.isSet(arg.name())) {
                args.put(arg.name(), variables.get(arg.name())); // a bare name passes the project environment's value
            }
        }
        String target = build.target() == null ? null : build.target().value();
        DockerfileModel model = null;
        if (source != null && source.parsed()) {
            model = args.isEmpty() && target == null ? source.model()
                    : DockerfileModel.of(source.syntax(), BuildOptions.DEFAULT.withBuildArgs(args).withTarget(target));
        }
        Stage stage = model == null ? null : model.targetStage().orElse(null);
        if (model != null && target != null && model.stage(target).isEmpty()) {
            Node at = build.target().node();
            reading.diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, at.file(), at.span(),
                    "target stage \"" + target + "\" could not be found in " + dockerfile));
            stage = null; // the build stops there: no stage of the file is the service's image
        }
        return buildLink(dockerfile, context, target, model, stage, origin(build.node()), List.of());
    }

    /**
     * Whether the build context or the Dockerfile a service builds is missing, reported where the compose
     * file names it: Compose stops there ("failed to read dockerfile: open Dockerfile: no such file or directory").
     */
    private boolean missing(Service.Build build, String context, String dockerfile) {
        if (!reading.files.isDirectory(context)) {
            Node at = build.context() != null ? build.context().node() : build.node();
            reading.diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, at.file(), at.span(), "build context "
                    + (context.isEmpty() ? "." : context) + " is not a folder of the project: `docker compose build`"
                    + " stops with \"unable to prepare context\""));
            return true;
        }
        if (reading.files.exists(dockerfile)) {
            return false;
        }
        if (!missingDockerfiles.add(dockerfile)) {
            return true; // one error for the file, at the first service that builds it: one rename or one file fixes all
        }
        Node at = build.dockerfile() != null ? build.dockerfile().node()
                : build.context() != null ? build.context().node() : build.node();
        String folder = PathNames.parent(dockerfile);
        String name = PathNames.fileName(dockerfile);
        String other = reading.layout.entries().stream()
                .filter(e -> e.directory().equals(folder) && e.name().equalsIgnoreCase(name) && !e.name().equals(name))
                .map(ProjectEntry::name).findFirst().orElse(null);
        reading.diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, at.file(), at.span(), "the Dockerfile "
                + dockerfile + " does not exist: `docker compose build` stops with \"failed to read dockerfile: open "
                + name + ": no such file or directory\""
                + (other == null ? "" : " (the folder has " + other + ", which only a case-insensitive file system"
                        + " such as macOS's or Windows' takes for " + name + ": rename it, or name it with `dockerfile: "
                        + other + "`)")));
        return true;
    }

    private BuildLink buildLink(String dockerfile, String context, String target, DockerfileModel model, Stage stage,
            Origin origin, List<String> tags) {
        return buildLink(dockerfile, context, target, model, stage, origin, tags, List.of(), false);
    }

    /**
     * A build's link with the ignore file Docker reads for it; for a tool that assembles the context itself, only a
     * {@code .dockerignore} it puts there.
     */
    private BuildLink buildLink(String dockerfile, String context, String target, DockerfileModel model, Stage stage,
            Origin origin, List<String> tags, List<String> supplied, boolean assembled) {
        String ignorePath = assembled
                ? reading.layout.dockerignoreFor("", context).filter(e -> supplied.contains(".dockerignore"))
                        .map(ProjectEntry::path).orElse(null)
                : reading.layout.dockerignoreFor(dockerfile, context).map(ProjectEntry::path).orElse(null);
        DockerIgnore ignore = ignorePath == null ? null : reading.dockerignores.get(ignorePath);
        return new BuildLink(dockerfile, context, target, model, stage, ignorePath,
                ignore == null ? DockerIgnore.empty() : ignore, origin, tags, supplied);
    }

    /** The manifests inside the build context that the ignore file lets into it. */
    private List<Manifest> manifests(BuildLink build) {
        if (build == null) {
            return List.of();
        }
        List<Manifest> found = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (ProjectEntry entry : reading.layout.manifestsUnder(build.context())) {
            Manifest manifest = reading.manifests.get(entry.path());
            String inContext = inContext(build.context(), entry.path());
            if (manifest != null && build.ignore().includes(inContext)) {
                found.add(manifest);
                paths.add(inContext);
            }
        }
        return CopiedManifests.narrow(build.model(), paths, found, source -> holdsPythonSource(build.context(), source));
    }

    /** Whether a context path a COPY takes is a Python file or a folder of the project that holds one. */
    private boolean holdsPythonSource(String context, String source) {
        if (source.endsWith(".py")) {
            return true;
        }
        String folder = PathNames.normalizeRelative(PathNames.join(context, source));
        return folder != null && reading.layout.entries().stream().map(ProjectEntry::path)
                .anyMatch(p -> p.endsWith(".py") && (folder.isEmpty() || p.startsWith(folder + "/")));
    }

    // ---- command and entry point

    /**
     * The ENTRYPOINT a known base image sets for itself ({@link JavaEntrypointImages}, {@link DenoImages},
     * {@link TorchServeImages}), else null.
     */
    private static BaseEntrypoint baseEntrypoint(BuildLink build, ScriptFiles scripts) {
        if (build == null || build.stage() == null || build.model() == null) {
            return null;
        }
        Stage root = build.stage();
        while (root.base() instanceof BaseImage.OfStage parent) {
            root = build.model().stages().get(parent.stageIndex());
        }
        BaseImage base = root.base();
        if (DenoImages.variant(base).isPresent()) {
            String image = ((BaseImage.External) base).reference().familiarString();
            return new BaseEntrypoint(image, cmd -> DenoImages.entrypoint(base, cmd).orElse(List.of()), false);
        }
        if (base instanceof BaseImage.External external && JupyterStackImages.is(external.reference())) {
            // start.sh runs the CMD with exec, a shell-form one too: tini -g stays PID 1 in front of it
            return new BaseEntrypoint(external.reference().familiarString(), cmd -> JupyterStackImages.ENTRYPOINT_INIT,
                    true);
        }
        if (TorchServeImages.is(base) && scripts.find(TorchServeImages.ENTRYPOINT).isEmpty()) {
            // the image's own script, unless the build copies the project's over it
            String image = ((BaseImage.External) base).reference().familiarString();
            return new BaseEntrypoint(image, cmd -> List.of(TorchServeImages.ENTRYPOINT), false);
        }
        return JavaEntrypointImages.entrypoint(base)
                .map(argv -> new BaseEntrypoint(((BaseImage.External) base).reference().familiarString(),
                        cmd -> startsJava(cmd) ? List.of() : argv, false))
                .orElse(null);
    }

    /**
     * A base image's own ENTRYPOINT: the image's name and what it puts before a given CMD (nothing for a CMD it does not apply to: a whole java command, which cmd-repeats-base-entrypoint reports).
     */
    private record BaseEntrypoint(String image, java.util.function.Function<List<String>, List<String>> before,
            boolean shellFormToo) {}

    static EffectiveCommand command(ImageConfig config, BaseEntrypoint base, Service.Command composeEntrypoint,
            Service.Command composeCommand) {
        List<String> entrypoint = List.of();
        List<String> cmd = List.of();
        Origin entrypointOrigin = null;
        Origin cmdOrigin = null;
        boolean entrypointShell = false;
        boolean cmdShell = false;
        String script = null;
        if (composeEntrypoint != null) {
            entrypoint = composeEntrypoint.argv();
            entrypointOrigin = origin(composeEntrypoint.node());
        } else if (config.entrypoint() != null) {
            CommandSpec spec = config.entrypoint();
            entrypoint = spec.argv();
            entrypointShell = !spec.execForm();
            script = spec.shellText();
            entrypointOrigin = origin(spec);
        }
        if (composeCommand != null) {
            cmd = composeCommand.argv();
            cmdOrigin = origin(composeCommand.node());
        } else if (composeEntrypoint == null && config.cmd() != null) {
            CommandSpec spec = config.cmd();
            cmd = spec.argv();
            cmdShell = !spec.execForm();
            cmdOrigin = origin(spec);
            if (entrypoint.isEmpty()) {
                script = spec.shellText();
            }
        }
        if (entrypointShell) {
            cmd = List.of(); // sh -c "text" ignores the arguments CMD would add
        }
        String entrypointImage = null;
        List<String> inherited = base != null && composeEntrypoint == null && config.entrypoint() == null
                && (!cmdShell || base.shellFormToo()) && !cmd.isEmpty() ? base.before().apply(cmd) : List.of();
        if (!inherited.isEmpty()) {
            // the base image's ENTRYPOINT (java -jar, Deno's tini and docker-entrypoint.sh) runs with CMD as its
            // arguments; a shell-form CMD stays as written
            entrypoint = inherited;
            entrypointImage = base.image();
        }
        boolean shellForm = entrypoint.isEmpty() ? cmdShell : entrypointShell;
        if (entrypoint.isEmpty() && cmd.isEmpty() && entrypointOrigin == null && cmdOrigin == null) {
            return null;
        }
        return new EffectiveCommand(entrypoint, cmd, shellForm, shellForm ? script : null, entrypointOrigin, cmdOrigin,
                entrypointImage);
    }

    private static boolean startsJava(List<String> argv) {
        return argv.get(0).equals("java") || argv.get(0).endsWith("/java");
    }

    private EntryPoint entryPoint(EffectiveCommand command, Map<String, String> env, String workdir, ScriptFiles scripts) {
        if (command == null || command.isEmpty()) {
            return null;
        }
        List<String> argv = command.argv();
        if (command.shellForm() && command.script() != null) {
            argv = List.of(command.script());
        } else if (command.inheritsEntrypoint() && TorchServeImages.runsEntrypoint(command.entrypoint())) {
            argv = TorchServeImages.throughEntrypoint(command.cmd());
        }
        return EntryPoints.interpret(new Invocation(argv, command.shellForm(), env, workdir), scripts);
    }

    /** The project files the image's scripts are copies of. */
    private ScriptFiles scripts(BuildLink build) {
        return build == null || build.stage() == null ? ScriptFiles.NONE
                : ScriptFiles.cached(new ScriptCopies(reading, build, contextPaths(build)), scriptParses);
    }

    /** The project files the entry point's target files are copies of. */
    private List<String> entryFiles(EntryPoint entryPoint, BuildLink build) {
        if (entryPoint == null || build == null || build.stage() == null) {
            return List.of();
        }
        ContextPaths paths = contextPaths(build);
        TypeScriptOutputs typescript = new TypeScriptOutputs(reading.files, reading.layout);
        Set<String> found = new LinkedHashSet<>();
        for (String target : entryPoint.targetFiles()) {
            paths.toContext(target).ifPresent(p -> {
                String path = PathNames.join(build.context(), p);
                if (reading.files.exists(path) && !reading.files.isDirectory(path)
                        && build.ignore().includes(p)) {
                    found.add(path);
                } else if (!reading.files.isDirectory(path)) {
                    // a file the build compiles (dist/main.js, absent or ignored): the TypeScript source it is built from
                    typescript.source(path, build.context())
                            .filter(source -> build.ignore().includes(inContext(build.context(), source)))
                            .ifPresent(found::add);
                }
            });
        }
        return List.copyOf(found);
    }

    private Supervision supervision(EntryPoint entryPoint, EffectiveCommand command, BuildLink build) {
        if (build == null || build.stage() == null) {
            return null;
        }
        Supervision supervisord = new SupervisorReader(reading).read(entryPoint, build, copies(build),
                contextPaths(build), ep -> entryFiles(ep, build));
        if (supervisord != null) {
            return supervisord;
        }
        Supervision services = new ServiceDirReader(reading).read(entryPoint, build, copies(build),
                contextPaths(build), ep -> entryFiles(ep, build));
        return services != null || command == null ? services : new TaskRunnerReader(reading).read(entryPoint, build,
                contextPaths(build), command.origin(), ep -> entryFiles(ep, build));
    }

    /**
     * Where the image's files come from in the build context: the stage's (and its parent stages') context copies,
     * followed through COPY --from of other stages ({@link ImagePaths}).
     */
    private ContextPaths contextPaths(BuildLink build) {
        return ImagePaths.of(build.model(), build.stage(), p -> reading.files.isDirectory(PathNames.join(build.context(), p)),
                WorkspacePackages.of(reading.layout, reading.files, build.context()));
    }

    /** The stage's (and its parent stages') copies from the build context, source by source. */
    private static List<Copy> copies(BuildLink build) {
        return ImagePaths.contextCopies(build.model(), build.stage());
    }

    /** The paths the image's COPY and ADD instructions take files from, from other stages too, with their stages'. */
    private static List<String> copiedSources(BuildLink build) {
        List<String> sources = new ArrayList<>();
        if (build == null || build.stage() == null) {
            return sources;
        }
        for (Stage stage = build.stage(); stage != null; ) {
            for (CopyCommand copy : stage.copies()) {
                sources.addAll(copy.sources());
            }
            stage = stage.base() instanceof BaseImage.OfStage parent
                    ? build.model().stages().get(parent.stageIndex()) : null;
        }
        return sources;
    }

    // ---- healthcheck and user

    private static EffectiveHealthcheck composeHealthcheck(Service.Healthcheck health) {
        List<String> test = health.test() == null ? List.of() : health.test().stream().map(Located::value).toList();
        return new EffectiveHealthcheck(test, health.disabled(), "compose", origin(health.node()),
                duration(health.interval()), duration(health.timeout()), duration(health.startPeriod()),
                health.retries() == null ? null : health.retries().value());
    }

    private static Duration duration(Located<Service.DurationValue> value) {
        return value == null ? null : value.value().duration();
    }

    private static Container.Setting imageUser(ImageConfig config) {
        return config.user() == null ? null
                : new Container.Setting(config.user().value(), origin(config.user().instruction()));
    }

    private static Map<String, String> envOf(Stage stage) {
        Map<String, String> env = new LinkedHashMap<>();
        stage.variables().of(Variables.Kind.ENV).forEach((k, v) -> env.put(k, v == null ? "" : v));
        return env;
    }

    // ---- paths and origins

    private String relative(Path path) {
        Path root = reading.layout.root();
        Path abs = path.toAbsolutePath().normalize();
        if (!abs.startsWith(root)) {
            return null;
        }
        return root.relativize(abs).toString().replace('\\', '/');
    }

    private static String inContext(String context, String path) {
        return context.isEmpty() ? path : path.substring(context.length() + 1);
    }

    private static Origin origin(Node node) {
        return node == null ? null : new Origin(node.file().path(), node.span());
    }

    private static Origin origin(CommandSpec spec) {
        return origin(spec.instruction());
    }

    private static Origin origin(Instruction instruction) {
        return origin(instruction.file().path(), instruction.span());
    }

    private static Origin origin(String file, Span span) {
        return new Origin(file, span);
    }
}
