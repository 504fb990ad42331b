package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.review.Category;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.PipCommands;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Spans;
import dev.drydock.core.rules.support.UserIds;
import dev.drydock.core.shell.Assignment;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "pip-no-cache-dir",
        title = "pip keeps its download cache in the image",
        severity = Severity.LOW,
        category = Category.PERFORMANCE,
        checks = "Every pip install (pip, pip3, pip3.12, python -m pip) in the RUNs of the stages the final image is"
                + " made of. It is fine with --no-cache-dir (or --no-cache, a prefix of it that pip's option parser"
                + " accepts), with PIP_NO_CACHE_DIR set by ENV or ARG to any value pip accepts (1, true, yes, on, and"
                + " 0, false, no, off as well: pip turns the cache off for every one of them), before the command or"
                + " exported earlier in the RUN, or with a cache/tmpfs mount over pip's cache (~/.cache/pip, the"
                + " PIP_CACHE_DIR an ENV or ARG sets, or a --cache-dir inside the mount; a mount target written with a"
                + " build variable, target=${PIP_CACHE_DIR}, is read with its value). A finding for each pip install that does none of these; a strength"
                + " when every pip install of the image avoids the cache. Builder stages are not looked at: their"
                + " cache never reaches the final image.",
        problem = "pip stores every downloaded wheel and source archive in ~/.cache/pip; in a RUN that cache"
                + " becomes part of the layer although nothing ever reads it again.",
        impact = "The image grows by the size of every package downloaded (hundreds of MB with numpy, torch and"
                + " similar), for nothing: slower pushes, pulls and deployments.",
        recommendation = "Run pip install --no-cache-dir (or set ENV PIP_NO_CACHE_DIR=1); for fast rebuilds use"
                + " RUN --mount=type=cache,target=/root/.cache/pip instead.",
        references = {
                "https://pip.pypa.io/en/stable/topics/caching/",
                "https://docs.docker.com/build/cache/optimize/#use-cache-mounts",
                "https://docs.docker.com/build/building/best-practices/"},
        aliases = {"DL3042", "Pip install Keeping Cached Packages"},
        fix = FixSafety.SAFE,
        effort = "5 min",
        strength = "No pip download cache in the image",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY requirements.txt .
                        RUN pip install -r requirements.txt
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY requirements.txt .
                        RUN pip install --no-cache-dir -r requirements.txt
                        """))
public final class PipNoCacheDir implements Rule {

    /**
     * The values pip accepts for PIP_NO_CACHE_DIR: it turns the cache off for every one of them, the false ones
     * included (kept so for compatibility), and stops with an error on any other.
     */
    private static final Set<String> BOOLEAN = Set.of("1", "y", "yes", "t", "true", "on", "0", "n", "no", "f",
            "false", "off");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            List<Span> good = new ArrayList<>();
            boolean viaMount = false;
            boolean viaEnv = false;
            int bad = 0;
            for (RunStep run : image.imageRuns()) {
                List<Call> calls = run.calls();
                for (int i = 0; i < calls.size(); i++) {
                    Optional<PipCommands.Install> pip = PipCommands.install(calls.get(i));
                    if (pip.isEmpty()) {
                        continue;
                    }
                    Call call = pip.get().call();
                    Span span = call.spanTo(pip.get().options().subcommand().orElseThrow());
                    if (noCacheDir(pip.get().options())) {
                        good.add(calls.get(i).span());
                    } else if (envDisablesCache(run, calls, i)) {
                        good.add(calls.get(i).span());
                        viaEnv = true;
                    } else if (cacheMounted(run, pip.get())) {
                        good.add(calls.get(i).span());
                        viaMount = true;
                    } else {
                        bad++;
                        Call.Arg subcommand = pip.get().options().subcommand().orElseThrow();
                        context.finding(this, image.dockerfile(), span, BuildRuns.describe(calls.get(i))
                                        + " runs without --no-cache-dir: pip's download cache (" + (pipCacheDir(run) == null
                                                ? "~/.cache/pip" : pipCacheDir(run) + ", from PIP_CACHE_DIR") + ") stays in"
                                        + " the layer of this RUN")
                                .recommendation("Add --no-cache-dir: " + fixed(calls.get(i))
                                        + "; or, to keep the cache between builds without putting it in the image,"
                                        + " RUN --mount=type=cache,target=" + cacheTarget(run) + " "
                                        + BuildRuns.describe(calls.get(i)) + ".")
                                .fix(run.script() == null ? null : Fix.of("add --no-cache-dir", FixSafety.SAFE,
                                        TextEdit.insert(image.dockerfile(), subcommand.span().end(), " --no-cache-dir")))
                                .add();
                    }
                }
            }
            if (bad == 0 && !good.isEmpty()) {
                String how = viaMount ? "pip's cache is a BuildKit cache mount" : viaEnv
                        ? "PIP_NO_CACHE_DIR turns pip's cache off" : "pip install runs with --no-cache-dir";
                String lines = good.stream().map(s -> String.valueOf(s.startLine())).distinct()
                        .reduce((a, b) -> a + ", " + b).orElse("");
                context.strength(this, new Location(image.dockerfile(), Spans.cover(good)), how + " (line"
                        + (lines.contains(",") ? "s " : " ") + lines + "): no download cache in the image");
            }
        }
    }

    /** --no-cache-dir, or a prefix of it that pip's option parser takes for it ({@code --no-cache}). */
    private static boolean noCacheDir(Call.Options options) {
        return options.all().stream().map(Call.Options.Option::name)
                .anyMatch(name -> name.startsWith("--no-ca") && "--no-cache-dir".startsWith(name));
    }

    private static String fixed(Call original) {
        String text = BuildRuns.describe(original);
        int at = text.indexOf(" install");
        return at < 0 ? text + " --no-cache-dir" : text.substring(0, at + 8) + " --no-cache-dir" + text.substring(at + 8);
    }

    /** PIP_NO_CACHE_DIR set for this pip: by ENV/ARG, before the command, or exported earlier in the RUN. */
    private static boolean envDisablesCache(RunStep run, List<Call> calls, int index) {
        if (disables(run.variable("PIP_NO_CACHE_DIR"))) {
            return true;
        }
        Call call = calls.get(index);
        if (call.command() != null) {
            for (Assignment a : call.command().assignments()) {
                if (a.name().equals("PIP_NO_CACHE_DIR") && disables(a.value().value())) {
                    return true;
                }
            }
        }
        for (Call earlier : calls.subList(0, index)) {
            if (earlier.is("export") && earlier.command() != null) {
                for (var word : earlier.command().arguments()) {
                    var assignment = word.asAssignment();
                    if (assignment.isPresent() && assignment.get().name().equals("PIP_NO_CACHE_DIR")
                            && disables(assignment.get().value().value())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** pip's cache folder for the RUN's user, with the uid a non-root user needs to write to the mount. */
    private static String cacheTarget(RunStep run) {
        String variable = pipCacheDir(run);
        if (variable != null) {
            return variable;
        }
        String user = run.user();
        if (user == null || UserIds.isRoot(user)) {
            return "/root/.cache/pip";
        }
        String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        return name.isEmpty() || name.contains("$") || Character.isDigit(name.charAt(0))
                ? "<home of user " + name + ">/.cache/pip,uid=" + name
                : "/home/" + name + "/.cache/pip,uid=<id of " + name + ">";
    }

    private static boolean cacheMounted(RunStep run, PipCommands.Install pip) {
        List<String> cacheDirs = pip.options().values("--cache-dir");
        for (String dir : cacheDirs) {
            if (run.cacheMountCovers(dir)) {
                return true;
            }
        }
        if (!cacheDirs.isEmpty()) {
            return false;
        }
        String variable = pipCacheDir(run);
        if (variable != null) {
            return run.cacheMountCovers(variable); // pip's cache is where PIP_CACHE_DIR says, not in the home
        }
        String home = run.user() == null || UserIds.isRoot(run.user()) ? "/root" : "/home/" + run.user();
        return run.cacheMountCovers(home + "/.cache/pip") || run.mounts().stream().anyMatch(m ->
                (m.type().equals("cache") || m.type().equals("tmpfs"))
                        && m.target().orElse("").replaceAll("/+$", "").endsWith(".cache/pip"));
    }

    /** The absolute folder a PIP_CACHE_DIR build variable in effect for the RUN points pip's cache at, or null. */
    private static String pipCacheDir(RunStep run) {
        String variable = run.variable("PIP_CACHE_DIR");
        return variable != null && variable.startsWith("/") ? variable : null;
    }

    private static boolean disables(String value) {
        return value != null && BOOLEAN.contains(value.strip().toLowerCase(Locale.ROOT));
    }
}
