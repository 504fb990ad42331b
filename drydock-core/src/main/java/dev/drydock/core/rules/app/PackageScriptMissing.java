package dev.drydock.core.rules.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.EntryPoints;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.Target;
import dev.drydock.core.manifest.PackageJson;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildContexts;
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.SimilarNames;
import dev.drydock.core.rules.support.SourceMounts;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.WrittenInstructions;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "package-script-missing",
        title = "The container's command runs a package.json script that package.json does not have",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Containers built here whose command (Dockerfile ENTRYPOINT or CMD, or compose `command`) is"
                + " `npm run X`, `npm start`, `npm test`, `pnpm run X` or `yarn X` / `yarn run X`, where the"
                + " package.json that a COPY of the image's stages puts in the working directory has no script X."
                + " `npm start` counts only when there is no server.js beside it either (npm then runs `node"
                + " server.js`). Quiet when no copy puts a package.json there, when a RUN or a copy from a stage or image"
                + " may change it, when compose mounts the sources over the working directory, with --if-present,"
                + " --prefix, workspaces, filters or another folder; for yarn also when X is a dependency's name or a"
                + " program drydock knows (yarn then runs that binary) or package.json declares workspaces; bare `pnpm X`"
                + " and bun, which fall back to binaries, are left alone.",
        problem = "npm, pnpm and yarn run a script by its name from the package.json of the working directory: a name"
                + " it does not declare (renamed, misspelt, or only in another package.json) is an error, not a"
                + " no-op.",
        impact = "Every container of the image exits at once with 'Missing script: \"X\"' (npm, pnpm) or"
                + " 'Couldn't find a script named \"X\"' (yarn): the service never starts.",
        recommendation = "Run a script that package.json declares, or add the script to package.json; better still,"
                + " start the server with node itself (CMD [\"node\", \"server.js\"]) so it gets the stop signal.",
        references = {"https://docs.npmjs.com/cli/commands/npm-run-script",
                "https://pnpm.io/cli/run",
                "https://yarnpkg.com/cli/run"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM node:22.11.0-slim
                        WORKDIR /app
                        COPY package.json server.js ./
                        CMD ["npm", "run", "serve"]
                        """,
                good = """
                        FROM node:22.11.0-slim
                        WORKDIR /app
                        COPY package.json server.js ./
                        CMD ["npm", "run", "start"]
                        """,
                alongside = {
                        @ExampleFile(name = "package.json",
                                content = "{\"name\": \"app\", \"scripts\": {\"start\": \"node server.js\"}}\n"),
                        @ExampleFile(name = "server.js", content = "require('http').createServer().listen(3000);\n")}))
public final class PackageScriptMissing implements Rule {

    /** Options that run the script of another package.json, or none at all. */
    private static final Set<String> ELSEWHERE = Set.of("if-present", "prefix", "workspace", "workspaces", "dir",
            "filter", "recursive", "cwd", "include-workspace-root", "workspace-root");
    private static final Set<Runtime> RUNNERS = Set.of(Runtime.NPM, Runtime.PNPM, Runtime.YARN);

    /** The package.json in the working directory and the copy that puts it there. */
    private record Copied(PackageJson pkg, ContextCopy copy) {}

    @Override
    public void check(ReviewContext context) {
        for (Container c : context.builtContainers()) {
            EntryPoint ep = c.entryPoint();
            if (ep == null || c.command() == null || c.build().stage() == null || !RUNNERS.contains(ep.runtime())
                    || ep.target().kind() != Target.Kind.SCRIPT || ep.workdir() == null
                    || ep.options().keySet().stream().anyMatch(ELSEWHERE::contains)
                    || !SourceMounts.of(context, c).isEmpty()) {
                continue;
            }
            String name = ep.target().value();
            if (name == null || name.startsWith("-")) {
                continue;
            }
            Copied copied = packageJson(context, c, ep.workdir());
            if (copied == null || copied.pkg().script(name).isPresent() || !strict(context, c, ep, copied, name)) {
                continue;
            }
            report(context, c, ep, copied, name);
        }
    }

    private void report(ReviewContext context, Container c, EntryPoint ep, Copied copied, String name) {
        String tool = ep.runtime().name().toLowerCase(java.util.Locale.ROOT);
        Set<String> scripts = copied.pkg().scripts().keySet();
        String file = copied.pkg().file().path();
        String has = scripts.isEmpty() ? "it declares no scripts at all" : "it has " + String.join(", ", scripts);
        String error = ep.runtime() == Runtime.YARN ? "Couldn't find a script named \"" + name + "\""
                : "Missing script: \"" + name + "\"";
        String message = "The container's command runs the package.json script " + name + " (" + tool
                + (name.equals("start") && ep.runtime() == Runtime.NPM ? " start" : " run " + name) + "), but "
                + file + ", which " + copied.copy().text() + " (line " + copied.copy().line() + ") puts in "
                + ep.workdir() + ", has no script " + name + " (" + has + "): " + tool + " stops with '" + error
                + "' and the container exits at once";
        Optional<String> similar = SimilarNames.closest(name, scripts);
        String recommendation = similar.map(s -> "Run the script package.json has: " + tool + " run " + s
                        + "; or add a " + name + " script to " + file + ".")
                .orElse("Add a " + name + " script to " + file + (scripts.isEmpty() ? "" : ", or run one it has ("
                        + String.join(", ", scripts) + ")") + ".");
        context.finding(this, WrittenInstructions.commandWord(c, c.command(), name), message)
                .recommendation(recommendation)
                .add();
    }

    /**
     * Whether the tool fails on a name package.json does not declare: npm always (npm start falls back to server.js),
     * pnpm for an explicit run, yarn unless a dependency's binary or another workspace may answer it.
     */
    private static boolean strict(ReviewContext context, Container c, EntryPoint ep, Copied copied, String name) {
        return switch (ep.runtime()) {
            case NPM -> !name.equals("start") || !context.project().files().exists(
                    PathNames.join(PathNames.parent(copied.pkg().file().path()), "server.js"));
            case PNPM -> {
                List<String> argv = c.command().argv();
                int at = argv.indexOf(name);
                yield at > 0 && (argv.get(at - 1).equals("run") || argv.get(at - 1).equals("run-script"));
            }
            case YARN -> copied.pkg().dependency(name).isEmpty() && !copied.pkg().file().text().contains("\"workspaces\"")
                    && EntryPoints.interpret(List.of(name), false, Map.of(), ep.workdir()).runtime() == Runtime.BINARY;
            default -> false;
        };
    }

    /**
     * The package.json the last context copy of the image's stages puts in the working directory, when it can be
     * read and no copy from a stage or image, and no RUN that names package.json, may change it; else null.
     */
    private static Copied packageJson(ReviewContext context, Container c, String workdir) {
        BuildLink build = c.build();
        String target = PathNames.join(ContainerPaths.clean(workdir), "package.json");
        List<Stage> lineage = Stages.lineage(build.model(), build.stage());
        List<ContextCopy> copies = BuildContexts.copies(build).stream().filter(x -> lineage.contains(x.stage())).toList();
        for (int i = copies.size() - 1; i >= 0; i--) {
            ContextCopy copy = copies.get(i);
            Optional<String> source = BuildContexts.source(context.project(), build, copy, target);
            if (source.isEmpty()) {
                continue;
            }
            int from = copy.copy().instruction().span().start();
            if (!build.ignore().includes(source.get()) || changedLater(build, lineage, target, from)) {
                return null;
            }
            SourceFile file = context.project().source(BuildContexts.inProject(build, source.get())).orElse(null);
            try {
                return file == null ? null : new Copied(PackageJson.of(file), copy);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean changedLater(BuildLink build, List<Stage> lineage, String target, int from) {
        for (Stage stage : lineage) {
            for (CopyCommand copy : stage.copies()) {
                String dest = copy.containerPath() == null ? null : ContainerPaths.clean(copy.containerPath());
                if (copy.instruction().span().start() > from && (!copy.fromContext() || !copy.heredocs().isEmpty())
                        && (dest == null || PathNames.isUnder(target, dest))) {
                    return true;
                }
            }
        }
        for (RunStep run : RunStep.of(build.model(), lineage)) {
            String text = run.text();
            if (run.instruction().span().start() > from && (text.contains("package.json") || text.contains("npm pkg")
                    || text.contains("set-script"))) {
                return true;
            }
        }
        return false;
    }
}
