package dev.drydock.core.rules.app;

import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.Pep440Version;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.dockerfile.DeprecatedEnv;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.GunicornSettings;
import dev.drydock.core.rules.support.PipCommands;
import dev.drydock.core.rules.support.PypiVersionRanges;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "uvicorn-worker-deprecated",
        title = "gunicorn loads its worker class from uvicorn.workers, which uvicorn deprecated",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "Containers built here that run gunicorn with uvicorn.workers.UvicornWorker or"
                + " uvicorn.workers.UvicornH11Worker as the worker class gunicorn takes (-k or --worker-class on the"
                + " command line, then in GUNICORN_CMD_ARGS, then worker_class in the gunicorn.conf.py or -c file), when the uvicorn the image installs is 0.30 or later:"
                + " a manifest of the build context (requirements.txt, pyproject.toml, Pipfile) or a RUN pip install"
                + " asks for 0.30 or later, or nothing bounds uvicorn below 0.30 (an unpinned requirement, or none:"
                + " pip then installs a current release). Quiet when a declaration keeps uvicorn below 0.30"
                + " (uvicorn==0.29.0, uvicorn<0.30, ~=0.29.0), for worker classes of other packages, and for"
                + " commands started by a script.",
        problem = "uvicorn 0.30.0 deprecated its uvicorn.workers module, which holds the gunicorn worker classes, and"
                + " its deployment guide says the module will be removed in a future release: the classes live on in"
                + " the separate uvicorn-worker package, as uvicorn_worker.UvicornWorker and"
                + " uvicorn_worker.UvicornH11Worker. The module's DeprecationWarning is raised on import by"
                + " gunicorn, outside __main__, where Python's default warning filters hide it.",
        impact = "Nothing warns in the logs; the day an upgrade of uvicorn drops the module, gunicorn cannot load the"
                + " worker class and every container of the image fails at start.",
        recommendation = "Add uvicorn-worker to the requirements and name its class: gunicorn -k"
                + " uvicorn_worker.UvicornWorker (uvicorn-worker 0.4.0 needs uvicorn 0.36 or later). uvicorn also"
                + " runs several worker processes itself (uvicorn --workers 4), restarting those that die, when"
                + " gunicorn's own features are not needed.",
        references = {
                "https://www.uvicorn.org/deployment/#gunicorn",
                "https://www.uvicorn.org/release-notes/#0300-may-28-2024",
                "https://github.com/Kludex/uvicorn-worker",
                "https://docs.gunicorn.org/en/stable/settings.html#worker-class"},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.8-slim
                        WORKDIR /app
                        COPY requirements.txt .
                        RUN pip install --no-cache-dir -r requirements.txt
                        COPY . .
                        USER 1000
                        CMD ["gunicorn", "-k", "uvicorn.workers.UvicornWorker", "-w", "4", "-b", "0.0.0.0:8000", "main:app"]
                        """,
                good = """
                        FROM python:3.12.8-slim
                        WORKDIR /app
                        COPY requirements.txt .
                        RUN pip install --no-cache-dir -r requirements.txt
                        COPY . .
                        USER 1000
                        CMD ["gunicorn", "-k", "uvicorn_worker.UvicornWorker", "-w", "4", "-b", "0.0.0.0:8000", "main:app"]
                        """,
                alongside = @ExampleFile(name = "requirements.txt", content = """
                        fastapi==0.115.6
                        gunicorn==23.0.0
                        uvicorn==0.40.0
                        """)))
public final class UvicornWorkerDeprecated implements Rule {

    private static final Pattern OLD_CLASS = Pattern.compile("uvicorn\\.workers\\.(Uvicorn(?:H11)?Worker)");
    private static final Pattern PIP_UVICORN = Pattern.compile("(?i)uvicorn(?:\\[[^\\]]*\\])?([^\\w-].*)?");
    private static final Pep440Version DEPRECATED_IN = Pep440Version.parse("0.30.0").orElseThrow();
    /** uvicorn-worker 0.4.0 requires uvicorn>=0.36.0 and gunicorn>=21.0.0. */
    static final String WORKER_PACKAGE = "uvicorn-worker==0.4.0";
    private static final Pep440Version WORKER_NEEDS_UVICORN = Pep440Version.parse("0.36.0").orElseThrow();
    private static final Pep440Version WORKER_NEEDS_GUNICORN = Pep440Version.parse("21.0.0").orElseThrow();

    /** A requirement of uvicorn the image installs: where it is written and its constraint. */
    record Declared(String where, String requirement, String constraint) {}

    /** Where the old class name is written: the file and the span of the class name. */
    record Written(String file, Span span, String oldClass, String newClass, String how) {}

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (Container c : context.builtContainers()) {
            EntryPoint ep = c.entryPoint();
            if (ep == null || ep.runtime() != Runtime.GUNICORN || c.command() == null || c.build() == null
                    || c.build().stage() == null || ep.commandIgnoredBy() != null || ep.startedBy() != null) {
                continue;
            }
            Written written = written(context, c, ep).orElse(null);
            if (written == null || !reported.add(written.file() + "#" + written.span().start())) {
                continue;
            }
            List<Declared> declared = declarations(c);
            if (declared.stream().anyMatch(d -> !PypiVersionRanges.allowsFrom(d.constraint(), DEPRECATED_IN))) {
                continue;
            }
            report(context, c, written, declared);
        }
    }

    private void report(ReviewContext context, Container c, Written written, List<Declared> declared) {
        Declared proof = declared.stream().filter(d -> DeprecatedEnv.lowerBound(d.constraint())
                .filter(v -> v.compareTo(DEPRECATED_IN) >= 0).isPresent()).findFirst().orElse(null);
        String version = proof != null ? "; " + proof.where() + " asks for " + proof.requirement()
                : declared.isEmpty() ? "; nothing in the build context pins uvicorn, so pip installs a current release,"
                        + " and uvicorn from version 0.30 has the module deprecated"
                : "; " + declared.get(0).where() + " asks for " + declared.get(0).requirement() + ", which installs"
                        + " uvicorn from version 0.30 on, where the module is deprecated";
        String message = written.how() + " loads " + written.oldClass() + ", from the uvicorn.workers module that"
                + " uvicorn deprecated in 0.30.0 for the uvicorn-worker package" + version + ". Python hides the"
                + " DeprecationWarning, and the container will fail at start once an upgrade of uvicorn drops the"
                + " module";
        String recommendation = "Add uvicorn-worker to the requirements and load " + written.newClass()
                + " instead (uvicorn-worker 0.4.0 needs uvicorn 0.36 or later and gunicorn 21 or later); or let"
                + " uvicorn run the worker processes itself: uvicorn --workers N.";
        context.finding(this, new Location(written.file(), written.span()), message)
                .recommendation(recommendation)
                .fix(fix(context, c, written, declared))
                .add();
    }

    /**
     * The class renamed where it is written, plus uvicorn-worker next to uvicorn in the manifest that declares it;
     * none when the declared uvicorn or gunicorn is older than uvicorn-worker 0.4.0 allows.
     */
    private static Fix fix(ReviewContext context, Container c, Written written, List<Declared> declared) {
        if (declared.isEmpty() || declared.stream().anyMatch(d -> !PypiVersionRanges.allowsFrom(d.constraint(),
                WORKER_NEEDS_UVICORN)) || AppFacts.dependencies(c, Ecosystem.PYPI, List.of("gunicorn")).stream()
                        .anyMatch(d -> !PypiVersionRanges.allowsFrom(d.constraint(), WORKER_NEEDS_GUNICORN))) {
            return null;
        }
        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.replace(written.file(), written.span(), written.newClass()));
        String added = "";
        if (AppFacts.dependencies(c, Ecosystem.PYPI, List.of("uvicorn-worker")).isEmpty()) {
            Optional<TextEdit> requirement = ServerRequirement.addBeside(context.project(), c, List.of("uvicorn"),
                    WORKER_PACKAGE);
            if (requirement.isEmpty()) {
                return null;
            }
            edits.add(requirement.get());
            added = " (" + WORKER_PACKAGE + " added beside uvicorn)";
        }
        return Fix.of("load " + written.newClass() + " from the uvicorn-worker package" + added, FixSafety.UNSAFE,
                edits);
    }

    /**
     * The old class where the effective worker class is written: the command (-k, --worker-class), GUNICORN_CMD_ARGS,
     * or the configuration file.
     */
    private static Optional<Written> written(ReviewContext context, Container c, EntryPoint ep) {
        GunicornSettings.Value workerClass = GunicornSettings.of(context, c, ep).get("worker_class").orElse(null);
        Matcher m = workerClass == null || workerClass.value() == null ? null : OLD_CLASS.matcher(workerClass.value());
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        String newClass = "uvicorn_worker." + m.group(1);
        return switch (workerClass.source()) {
            case COMMAND_LINE -> {
                for (Origin origin : java.util.Arrays.asList(c.command().origin(), c.command().cmdOrigin())) {
                    Optional<Written> found = inText(context, origin, m.group(1), "`" + String.join(" ", ep.args()) + "`");
                    if (found.isPresent()) {
                        yield found;
                    }
                }
                yield Optional.empty();
            }
            case GUNICORN_CMD_ARGS -> exactly(context, workerClass.location(), m.group(), newClass,
                    "GUNICORN_CMD_ARGS (`" + workerClass.written() + "`)");
            case CONFIG_FILE -> {
                // the span holds the quoted literal: the class starts after its quote
                Location at = workerClass.location();
                SourceFile file = context.project().source(at.file()).orElseThrow();
                int start = at.span().start() + 1;
                yield Optional.of(new Written(file.path(), file.span(start, start + m.group().length()), m.group(),
                        newClass, "worker_class in " + file.path() + " (line " + at.line() + ")"));
            }
            default -> Optional.empty();
        };
    }

    /** The class where {@code at} holds exactly its name; empty when drydock cannot point at it. */
    private static Optional<Written> exactly(ReviewContext context, Location at, String oldClass, String newClass,
            String how) {
        if (at == null || at.file() == null || at.span() == null) {
            return Optional.empty();
        }
        SourceFile file = context.project().source(at.file()).orElse(null);
        if (file == null || !file.text(at.span()).equals(oldClass)) {
            return Optional.empty();
        }
        return Optional.of(new Written(file.path(), at.span(), oldClass, newClass, how));
    }

    private static Optional<Written> inText(ReviewContext context, Origin origin, String worker, String how) {
        if (origin == null || origin.span() == null) {
            return Optional.empty();
        }
        SourceFile file = context.project().source(origin.file()).orElse(null);
        if (file == null) {
            return Optional.empty();
        }
        String text = file.text(origin.span());
        String old = "uvicorn.workers." + worker;
        int at = text.indexOf(old);
        if (at < 0) {
            return Optional.empty();
        }
        int start = origin.span().start() + at;
        return Optional.of(new Written(file.path(), file.span(start, start + old.length()), old,
                "uvicorn_worker." + worker, how));
    }

    /** The uvicorn requirements of the image: its manifests' and those its RUN pip install lines name. */
    private static List<Declared> declarations(Container c) {
        List<Declared> out = new ArrayList<>();
        for (Manifest manifest : c.manifests()) {
            if (manifest.ecosystem() != Ecosystem.PYPI) {
                continue;
            }
            for (Dependency dep : manifest.dependencies()) {
                if (dep.normalizedName().equals("uvicorn") && !dep.isDev()) {
                    out.add(new Declared(manifest.file() + " (line " + dep.line() + ")", dep.name()
                            + dep.constraint(), dep.constraint()));
                }
            }
        }
        for (RunStep run : RunStep.of(c.build().model(), Stages.lineage(c.build().model(), c.build().stage()))) {
            for (Call call : run.calls()) {
                for (Call.Arg pkg : PipCommands.install(call).map(PipCommands.Install::packages).orElse(List.of())) {
                    Matcher m = PIP_UVICORN.matcher(pkg.value());
                    if (m.matches()) {
                        String constraint = m.group(1) == null ? "" : m.group(1).split(";")[0].trim();
                        out.add(new Declared("the RUN pip install of " + c.build().dockerfile() + " (line "
                                + pkg.span().startLine() + ")", pkg.value(), constraint));
                    }
                }
            }
        }
        return out;
    }
}
