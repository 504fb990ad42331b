package dev.drydock.core.rules.app;

import dev.drydock.core.app.NodePackage;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.image.DenoImages;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.Target;
import dev.drydock.core.manifest.DenoConfig;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.PackageScripts;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.WrittenInstructions;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "deno-dependencies-not-cached",
        title = "Deno downloads the application's dependencies each time a container starts",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "Containers built here whose command runs a file of the project with `deno run` or `deno serve`"
                + " (also as `deno task X`, read from deno.json or deno.jsonc, and through the denoland/deno images'"
                + " entry point, which hands CMD [\"run\", ...] to deno), when the project imports remote modules (an"
                + " `imports` entry of deno.json(c) or an import in the file itself that is `jsr:`, `npm:` or an"
                + " http(s) URL) and no RUN of the image's stages runs deno on them first (deno cache, install, check,"
                + " compile, run, task, test) with the DENO_DIR the container runs with (a RUN that filled another"
                + " one does not count when both are known: set by ENV, or /deno-dir in the denoland/deno images;"
                + " a RUN of a stage the image is not built on never counts). Quiet with `\"vendor\": true` in deno.json(c), with --cached-only, and"
                + " when a COPY brings a DENO_DIR (/deno-dir) or vendor folder from another stage or image.",
        problem = "Deno fetches remote modules the first time a program needs them and keeps them in DENO_DIR"
                + " (/deno-dir in the denoland/deno images). Nothing is fetched when the image is built unless a RUN asks"
                + " for it, so every new container starts with an empty cache.",
        impact = "Each container downloads its dependencies from jsr.io, npm or the module's host before it serves:"
                + " slow starts and restarts, a service that cannot start when the registry or the network is"
                + " unreachable (or egress is blocked), and module versions chosen at start rather than at build time.",
        recommendation = "Cache the dependencies in the image after copying the sources: RUN deno install --entrypoint"
                + " main.ts (deno cache main.ts before Deno 2), as the user the container runs as; keep deno.lock in"
                + " the build context so the versions are the ones you tested.",
        references = {
                "https://docs.deno.com/runtime/reference/docker/",
                "https://docs.deno.com/runtime/fundamentals/modules/",
                "https://github.com/denoland/deno_docker"},
        aliases = {},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM denoland/deno:2.1.4
                        WORKDIR /app
                        COPY . .
                        USER deno
                        CMD ["run", "--allow-net", "main.ts"]
                        """,
                good = """
                        FROM denoland/deno:2.1.4
                        WORKDIR /app
                        COPY . .
                        USER deno
                        RUN deno install --entrypoint main.ts
                        CMD ["run", "--allow-net", "main.ts"]
                        """,
                alongside = {
                        @ExampleFile(name = "main.ts", content = """
                        import { Hono } from "jsr:@hono/hono@4.6.14";

                        const app = new Hono();
                        app.get("/", (c) => c.text("ok"));
                        Deno.serve({ port: 8000 }, app.fetch);
                        """)}))
public final class DenoDependenciesNotCached implements Rule {

    /** Deno sub-commands that fetch the modules a file imports into DENO_DIR. */
    private static final Set<String> CACHING = Set.of("cache", "install", "i", "check", "compile", "run", "task",
            "test", "bench", "vendor", "serve", "add");

    /** A static or dynamic import of a remote module. */
    private static final Pattern REMOTE_IMPORT = Pattern.compile(
            "(?:\\bfrom|\\bimport)\\s*\\(?\\s*[\"']((?:jsr:|npm:|https?://)[^\"']+)[\"']");

    @Override
    public void check(ReviewContext context) {
        for (Container c : context.builtContainers()) {
            EntryPoint ep = c.entryPoint();
            if (ep == null || c.command() == null || c.build() == null || c.build().stage() == null) {
                continue;
            }
            EntryPoint runs = ep.runtime() == Runtime.DENO_TASK
                    ? PackageScripts.of(context, c, ep).map(NodePackage::entryPoint).orElse(null) : ep;
            if (runs == null || runs.runtime() != Runtime.DENO || runs.target().kind() != Target.Kind.FILE
                    || !Set.of("run", "serve").contains(runs.option("command"))
                    || runs.interpreterOptions().containsKey("--cached-only")) {
                continue;
            }
            String remote = remoteImport(context, c, runs.target().value());
            String miss = remote == null ? null : cacheMiss(c);
            if (miss == null) {
                continue;
            }
            String written = ep.runtime() == Runtime.DENO_TASK ? "`deno task " + ep.target().value() + "` (`"
                    + String.join(" ", runs.args()) + "`)" : "`" + String.join(" ", runs.args()) + "`";
            String file = runs.target().value();
            context.finding(this, WrittenInstructions.commandWord(c, c.command(), ep.target().value()),
                            written + " runs code that imports " + remote + (miss.isEmpty()
                                    ? ", and no RUN of the image fetches the dependencies (deno cache, deno install)"
                                    : ", and " + miss) + ": every new container downloads them into DENO_DIR"
                                    + " before it serves, and does not start when the registry is unreachable")
                    .recommendation("After the COPY of the sources, cache them in the image: RUN deno install"
                            + " --entrypoint " + file + " (deno cache " + file + " before Deno 2), as the user the"
                            + " container runs as, with deno.lock in the build context.")
                    .add();
        }
    }

    /**
     * The first remote module the project imports, for the message (with where it is declared): an {@code imports}
     * entry of the build context's deno.json(c), else an import of the file the command runs; null when neither has
     * one, or when the configuration vendors its remote modules.
     */
    private static String remoteImport(ReviewContext context, Container c, String file) {
        String dir = c.build().context();
        DenoConfig config = context.project().denoConfig(dir).orElse(null);
        if (config != null && config.vendor()) {
            return null;
        }
        DenoConfig.Import mapped = config == null ? null : config.firstRemoteImport().orElse(null);
        if (mapped != null) {
            return mapped.specifier() + " (" + config.path() + " line " + mapped.line() + ")";
        }
        List<String> candidates = new ArrayList<>(c.entryFiles());
        if (file != null && !file.startsWith("/")) {
            candidates.add(PathNames.normalizeRelative(PathNames.join(dir, file)));
        }
        for (String path : candidates) {
            Optional<SourceFile> source = path == null ? Optional.empty() : context.project().source(path);
            if (source.isPresent()) {
                Matcher m = REMOTE_IMPORT.matcher(source.get().text());
                if (m.find()) {
                    return m.group(1) + " (" + path + " line " + source.get().position(m.start(1)).line() + ")";
                }
            }
        }
        return null;
    }

    /**
     * Why the container starts without the modules cached: "" when no RUN of the image's stages runs deno in a way
     * that fetches them, a description when every such RUN filled another DENO_DIR than the one the container runs
     * with (both known: set by ENV, or the denoland/deno images' /deno-dir); null when one fills the container's
     * DENO_DIR (or drydock cannot tell which it fills) or a COPY brings a cache in.
     */
    private static String cacheMiss(Container c) {
        List<Stage> stages = Stages.inImage(c.build().model(), c.build().stage());
        boolean denoImage = DenoImages.variant(Stages.rootBase(c.build().model(), c.build().stage())).isPresent();
        String runtimeDir = denoDir(c.entryPoint().environment().get("DENO_DIR"), denoImage);
        if (c.service() != null && !c.service().envFiles().isEmpty()) {
            runtimeDir = null; // an env_file may set DENO_DIR
        }
        RunStep elsewhere = null;
        String elsewhereDir = null;
        for (RunStep run : RunStep.of(c.build().model(), stages)) {
            for (Call call : run.calls()) {
                if (call.is("deno") && call.args().stream().map(Call.Arg::value).filter(a -> !a.startsWith("-"))
                        .findFirst().filter(CACHING::contains).isPresent()) {
                    String buildDir = denoDir(run.variable("DENO_DIR"), denoImage);
                    if (runtimeDir == null || buildDir == null || buildDir.equals(runtimeDir)) {
                        return null;
                    }
                    elsewhere = run;
                    elsewhereDir = buildDir;
                }
            }
        }
        for (Stage stage : stages) {
            for (CopyCommand copy : stage.copies()) {
                if (copy.from() != null && (mentionsCache(copy.containerPath())
                        || copy.sources().stream().anyMatch(DenoDependenciesNotCached::mentionsCache))) {
                    return null;
                }
            }
        }
        return elsewhere == null ? "" : "the RUN at line " + elsewhere.instruction().span().startLine() + " caches them"
                + " in " + elsewhereDir + ", but the container runs with DENO_DIR=" + runtimeDir + ", where Deno looks"
                + " for them";
    }

    /**
     * DENO_DIR as a plain path without its trailing slash: the value given, else /deno-dir in the denoland/deno images;
     * null when drydock cannot tell (unset in another image, where it depends on the user's home, or a variable).
     */
    private static String denoDir(String value, boolean denoImage) {
        String dir = value != null ? value.strip() : denoImage ? "/deno-dir" : null;
        if (dir == null || dir.isEmpty() || dir.contains("$") || !dir.startsWith("/")) {
            return null;
        }
        return dir.length() > 1 && dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    }

    private static boolean mentionsCache(String path) {
        return path != null && (path.contains("deno-dir") || path.contains(".cache/deno") || path.contains("vendor")
                || path.contains("node_modules"));
    }
}
