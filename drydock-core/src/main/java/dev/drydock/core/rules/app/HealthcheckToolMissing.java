package dev.drydock.core.rules.app;

import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.app.AppSource;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveHealthcheck;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.FinalUser;
import dev.drydock.core.rules.support.GrpcHealthProbe;
import dev.drydock.core.rules.support.ImageContents;
import dev.drydock.core.rules.support.ProbeEdits;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.ServerImages;
import dev.drydock.core.rules.support.ServerTls;
import dev.drydock.core.rules.support.TaskWorkers;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "healthcheck-tool-missing",
        title = "Healthcheck runs a program the image does not contain",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The healthcheck in effect (compose over the image's HEALTHCHECK): the programs it runs (curl, wget,"
                + " nc, python, node...) and the shell a CMD-SHELL probe needs, against what the image contains: what"
                + " its base image is known to ship (python:*-slim, node:*-slim, debian and ubuntu have neither curl nor"
                + " wget; alpine and busybox have BusyBox wget but no curl; distroless and scratch have no shell, and distroless's"
                + " :debug tags keep BusyBox's sh, wget and nc in /busybox, on the PATH, with no /bin/sh for CMD-SHELL) plus"
                + " what the final stage and the stages it builds on install with apt, apk, dnf/yum or zypper (and do"
                + " not remove again; package lists held in ARG or ENV values are read) or copy in; for a service that"
                + " pulls an image, what that image is known to ship. A program named without a folder that the image"
                + " keeps off its PATH (node in gcr.io/distroless/nodejs*, at /nodejs/bin/node; python in a conda"
                + " environment of mambaorg/micromamba, /opt/conda/bin/python, which only the image's entry point"
                + " activates, unless ENV PATH adds its folder) cannot start either,"
                + " nor can a program the image renamed (mysqladmin, mysql in mariadb 11 and later: mariadb-admin, mariadb)."
                + " grpc_health_probe (or grpc-health-probe), which no base image ships, counts as present when a RUN of"
                + " the image's stages names it (a download, go install) or a COPY or ADD puts it there (from a stage,"
                + " the context, a URL or ghcr.io/grpc-ecosystem/grpc-health-probe)."
                + " Quiet for images drydock does not know. Critical when another compose service waits for it"
                + " with condition: service_healthy, which then never starts.",
        problem = "Docker runs the probe inside the container: a program that is not there makes every probe fail.",
        impact = "The container never becomes healthy: dependants waiting on service_healthy never start,"
                + " orchestrators restart or withdraw it, and `docker ps` shows it unhealthy while the application works.",
        recommendation = "Probe with what the image already has (the application's own runtime: Python's urllib,"
                + " Node's http; BusyBox wget on Alpine), or install the tool in the final stage.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#healthcheck",
                "https://docs.docker.com/reference/compose-file/services/#healthcheck",
                "https://github.com/GoogleContainerTools/distroless#debug-images"},
        aliases = {},
        fix = FixSafety.SAFE,
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1
                        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health', timeout=3)"]
                        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
                        """,
                alongside = @ExampleFile(name = "app.py", content = """
                        from flask import Flask

                        app = Flask(__name__)


                        @app.get("/health")
                        def health():
                            return "ok"
                        """)))
public final class HealthcheckToolMissing implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (Container c : context.project().containers()) {
            if (c.build() != null && c.build().stage() == null) {
                continue;
            }
            EffectiveHealthcheck hc = c.healthcheck();
            Probes.Probe probe = Probes.of(hc);
            if (probe == null) {
                continue;
            }
            ImageContents image = ImageContents.of(c);
            if (image == null) {
                continue;
            }
            String missing = Probes.missingProgram(probe, image);
            if (missing == null) {
                unverified(context, c, hc, probe, image);
                continue;
            }
            Probes.Program at = missing.equals("sh") ? null
                    : probe.programs().stream().filter(p -> p.name().equals(missing)).findFirst().orElse(null);
            String where = where(context, c, hc);
            String offPath = missing.equals("sh") ? null : image.offPath(missing).orElse(null);
            if (offPath != null) {
                offPath(context, c, hc, at, image, missing, offPath);
                continue;
            }
            String renamed = missing.equals("sh") ? null : image.renamed(missing).orElse(null);
            if (renamed != null) {
                renamed(context, c, hc, at, image, missing, renamed);
                continue;
            }
            String shellElsewhere = image.base().map(BaseImageFacts.ImageTools::shellOutsideBin).orElse(null);
            String message = missing.equals("sh")
                    ? where + " is a CMD-SHELL probe, which runs /bin/sh, and " + image.baseImage()
                            + (shellElsewhere == null ? " has no shell" : " has no /bin/sh (its BusyBox shell is "
                                    + shellElsewhere + ")") + ": every probe fails"
                    : where + " runs " + missing + ", which " + image.baseImage() + " does not contain"
                            + (c.build() == null ? "" : image.removedAt(missing)
                                    .map(o -> " and the Dockerfile removes it again after installing it (line "
                                            + o.line() + ")")
                                    .orElse(" and the Dockerfile does not install"))
                            + ": every probe fails and the container never becomes healthy";
            List<String> waiting = c.service() == null ? List.of()
                    : ComposeServices.awaitingHealthy(context.project(), c.service());
            boolean grpc = GrpcHealthProbe.is(missing)
                    || !missing.equals("sh") && AppFacts.grpcServer(c, Apps.of(context, c)).isPresent();
            List<String> argv = grpc ? null : replacementProbe(context, c, probe, image);
            var finding = context.finding(this, Probes.locate(c, hc, at), message + ComposeServices.neverStart(waiting))
                    .severity(waiting.isEmpty() ? Severity.HIGH : Severity.CRITICAL)
                    .recommendation(grpc ? grpcRecommendation(hc, at, missing)
                            : recommendation(c, hc, argv, image, missing, tlsNote(context, c, probe, argv)));
            TextEdit edit = argv == null || !requestsKnownPath(context, c, probe) ? null : edit(c, hc, argv);
            if (edit != null) {
                finding.fix(Fix.of("probe with " + argv.get(0) + " instead of " + missing, FixSafety.SAFE, edit));
            }
            finding.add();
        }
    }

    /**
     * A probe that names {@code program} bare where the image keeps it off its PATH: Docker finds no such file. An
     * exec-form probe is fixed by naming the program by its path.
     */
    private void offPath(ReviewContext context, Container c, EffectiveHealthcheck hc, Probes.Program at,
            ImageContents image, String program, String path) {
        List<String> waiting = c.service() == null ? List.of()
                : ComposeServices.awaitingHealthy(context.project(), c.service());
        String message = where(context, c, hc) + " runs " + program + " by name, and " + image.baseImage() + " keeps it at " + path
                + ", outside its PATH: the probe cannot start, every probe fails and the container never becomes"
                + " healthy";
        List<String> argv = exactArgv(hc, at, path);
        var finding = context.finding(this, Probes.locate(c, hc, at), message + ComposeServices.neverStart(waiting))
                .severity(waiting.isEmpty() ? Severity.HIGH : Severity.CRITICAL)
                .recommendation("Name the program by its path: " + (argv == null ? path : written(argv, hc))
                        + ", or add its folder to the PATH (ENV PATH=" + path.substring(0, path.lastIndexOf('/'))
                        + ":$PATH).");
        TextEdit edit = argv == null ? null : programEdit(c, hc, at, argv);
        if (edit != null) {
            finding.fix(Fix.of("name " + program + " by its path " + path, FixSafety.SAFE, edit));
        }
        finding.add();
    }

    /**
     * A probe that names {@code program} by the name its image no longer gives it (mysqladmin in mariadb:11, whose
     * client programs are named mariadb-*): fixed, in exec form, by the new name, which takes the same options.
     */
    private void renamed(ReviewContext context, Container c, EffectiveHealthcheck hc, Probes.Program at,
            ImageContents image, String program, String now) {
        List<String> waiting = c.service() == null ? List.of()
                : ComposeServices.awaitingHealthy(context.project(), c.service());
        String message = where(context, c, hc) + " runs " + program + ", which " + image.baseImage() + " no longer ships: the image"
                + " names its client programs after MariaDB (" + program + " is " + now + "), so every probe fails"
                + " and the container never becomes healthy";
        List<String> argv = exactArgv(hc, at, now);
        String own = Probes.composeTest(List.of("healthcheck.sh", "--connect", "--innodb_initialized"));
        var finding = context.finding(this, Probes.locate(c, hc, at), message + ComposeServices.neverStart(waiting))
                .severity(waiting.isEmpty() ? Severity.HIGH : Severity.CRITICAL)
                .recommendation("Call it " + now + (argv == null ? "" : " (" + written(argv, hc) + ")")
                        + ", which takes the same options, or use the check the image ships: "
                        + ("compose".equals(hc.source()) ? "test: " + own
                                : "HEALTHCHECK CMD [\"healthcheck.sh\", \"--connect\", \"--innodb_initialized\"]")
                        + ".");
        TextEdit edit = argv == null ? null : programEdit(c, hc, at, argv);
        if (edit != null) {
            finding.fix(Fix.of("call " + program + " by its name " + now, FixSafety.SAFE, edit));
        }
        finding.add();
    }

    /**
     * The edit that gives an exec-form probe {@code argv}, whose first word alone differs: in a compose file that
     * word alone is rewritten, so the other words keep their variables as written.
     */
    private static TextEdit programEdit(Container c, EffectiveHealthcheck hc, Probes.Program program, List<String> argv) {
        if (!"compose".equals(hc.source())) {
            return edit(c, hc, argv);
        }
        if (c.service() == null || c.service().healthcheck() == null || c.service().healthcheck().test() == null
                || program.testIndex() >= c.service().healthcheck().test().size()) {
            return null;
        }
        var element = c.service().healthcheck().test().get(program.testIndex());
        if (!(element.node() instanceof ScalarNode word) || !word.hasExactText()
                || !word.raw().equals(program.name())) {
            return null;
        }
        return SourceEdits.replace(word.file(), word.spanOf(0, program.name().length()), argv.get(0));
    }

    /** An exec-form probe whose first word is {@code program}, with that word replaced; null for other probes. */
    private static List<String> exactArgv(EffectiveHealthcheck hc, Probes.Program program, String replacement) {
        List<String> test = hc.test();
        if (test.size() <= 1 || !test.get(0).equals("CMD") || program == null || program.testIndex() != 1) {
            return null;
        }
        List<String> argv = new ArrayList<>(test.subList(1, test.size()));
        argv.set(0, replacement);
        return argv;
    }

    /**
     * A probe program that the Dockerfile does not install on a base image drydock does not know,
     * while the Dockerfile installs one that can make the same request: worth switching, since nothing
     * shows the first one is there (a debootstrap or company base often has no curl).
     */
    private void unverified(ReviewContext context, Container c, EffectiveHealthcheck hc, Probes.Probe probe,
            ImageContents image) {
        if (c.build() == null || image.base().isPresent() || probe.shell()) {
            return;
        }
        Probes.Program unknown = probe.programs().stream()
                .filter(p -> BaseImageFacts.ASKED.contains(p.name()) && image.has(p.name()).isEmpty())
                .findFirst().orElse(null);
        if (unknown == null) {
            return;
        }
        List<String> argv = replacementProbe(context, c, probe, image);
        if (argv == null || image.installed(argv.get(0)).isEmpty()) {
            return;
        }
        TextEdit edit = requestsKnownPath(context, c, probe) ? edit(c, hc, argv) : null;
        String where = where(context, c, hc);
        var finding = context.finding(this, Probes.locate(c, hc, unknown), where + " runs " + unknown.name()
                        + ", which the Dockerfile does not install, on " + image.baseImage() + ", whose contents drydock"
                        + " does not know: if the base image lacks it, every probe fails; " + argv.get(0)
                        + ", which the Dockerfile installs, can make the same request")
                .severity(Severity.MEDIUM)
                .recommendation("Probe with what the image is known to have: " + written(argv, hc) + "."
                        + tlsNote(context, c, probe, argv));
        if (edit != null) {
            finding.fix(Fix.of("probe with " + argv.get(0) + " instead of " + unknown.name(), FixSafety.SAFE, edit));
        }
        finding.add();
    }

    /**
     * Whether the replacement requests a path that is not a guess: the probe's own URL, or, for a probe
     * without one (nc -z, a URL built from variables), a route the application is known to serve.
     */
    private static boolean requestsKnownPath(ReviewContext context, Container c, Probes.Probe probe) {
        return probe.localUrl() != null || Apps.of(context, c).routes().match(AppFacts.healthPath(Apps.of(context, c)))
                .isPresent();
    }

    /** The same request made with a program the image has; null when it has none drydock can use. */
    private static final Pattern OTHER_PROTOCOL = Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://");

    private static List<String> replacementProbe(ReviewContext context, Container c, Probes.Probe probe,
            ImageContents image) {
        if (probe.urls().isEmpty() && OTHER_PROTOCOL.matcher(String.join(" ", probe.healthcheck().test())).find()) {
            return null; // mqtt://, redis://: no HTTP request tells the same
        }
        AppSource app = Apps.of(context, c);
        Probes.Url url = probe.localUrl();
        TaskWorkers.TaskWorker worker = url == null ? TaskWorkers.of(context, c).orElse(null) : null;
        if (worker != null && worker.httpPort() == null) {
            // a process check (pgrep sidekiq) of a worker that serves no HTTP: no request can replace it
            return worker.probe().isEmpty() ? null : worker.probe();
        }
        int port = url != null && url.port() != null ? url.port() : AppFacts.port(context, c, app);
        String path = url != null ? url.path() : AppFacts.healthPath(app);
        List<String> argv = Probes.recommend(image, port, path, null, null, tls(context, c, probe, port));
        if (argv != null && argv.get(0).equals("python") && image.has("python3").orElse(false)
                && probe.programs().stream().anyMatch(p -> p.name().equals("python3"))) {
            List<String> same = new ArrayList<>(argv);
            same.set(0, "python3"); // the interpreter the probe already names
            return List.copyOf(same);
        }
        return argv;
    }

    /**
     * Whether the replacement asks for TLS: when the server takes only TLS on the port ({@link ServerTls}) or only
     * plain HTTP, what it speaks; else the scheme of the probe's own URL.
     */
    private static boolean tls(ReviewContext context, Container c, Probes.Probe probe, int port) {
        Probes.Url url = probe.localUrl();
        return ServerTls.on(context, c, port).map(ServerTls::tls).orElse(url != null && url.https());
    }

    /** Why the replacement asks https when the probe asks plain HTTP of a TLS-only port, else nothing. */
    private static String tlsNote(ReviewContext context, Container c, Probes.Probe probe, List<String> argv) {
        Probes.Url url = probe.localUrl();
        if (argv == null || url == null || url.https()) {
            return "";
        }
        Integer port = url.port(c);
        return port == null ? "" : ServerTls.on(context, c, port).filter(ServerTls::tls)
                .map(s -> " It requests https, as " + s.describe(port) + ", and leaves the certificate"
                        + " unchecked, as the server's certificate does not name localhost.")
                .orElse("");
    }

    /** Where the healthcheck in effect is written, for messages. */
    private static String where(ReviewContext context, Container c, EffectiveHealthcheck hc) {
        if (!"compose".equals(hc.source())) {
            return "the image's HEALTHCHECK";
        }
        List<String> sharing = context.project().containers().stream()
                .filter(x -> x.service() != null && x.healthcheck() != null && hc.origin() != null
                        && hc.origin().equals(x.healthcheck().origin()))
                .map(Container::name).distinct().toList();
        return sharing.size() > 1 ? "the compose healthcheck that " + AppFacts.and(sharing) + " share (written once, "
                + hc.origin().file() + " line " + hc.origin().line() + ")" : "the compose healthcheck";
    }

    /** The probe {@code argv} written where the healthcheck in effect is: a compose test or a HEALTHCHECK. */
    private static String written(List<String> argv, EffectiveHealthcheck hc) {
        return "compose".equals(hc.source()) ? "test: " + Probes.composeTest(argv)
                : Probes.dockerfileInstruction(argv, hc);
    }

    private static TextEdit edit(Container c, EffectiveHealthcheck hc, List<String> argv) {
        if ("compose".equals(hc.source())) {
            return c.service() == null ? null : ProbeEdits.composeTest(c.service().healthcheck(), argv);
        }
        if (c.build() == null || c.build().stage() == null) {
            return null; // the image's HEALTHCHECK comes from its base image
        }
        return ProbeEdits.dockerfileCommand(c.build().stage().config().healthcheck(), argv);
    }

    /**
     * For grpc_health_probe, which no package manager of the base images installs, or a probe of a gRPC-only server,
     * which only a gRPC client can ask: copy grpc_health_probe from its project's image, to the path the probe runs it
     * from when it already does.
     */
    private static String grpcRecommendation(EffectiveHealthcheck hc, Probes.Program at, String missing) {
        String word = at == null ? "" : at.testIndex() < 0 ? at.name() : hc.test().get(at.testIndex());
        boolean named = GrpcHealthProbe.is(missing);
        String path = named && word.startsWith("/") ? word
                : "/usr/local/bin/" + (named ? missing : "grpc_health_probe");
        return (named ? "Copy grpc_health_probe into the final stage where the probe runs it: "
                        : "The application serves only gRPC, which an HTTP client cannot ask: probe the standard gRPC"
                                + " health service with grpc_health_probe, copied into the final stage: ")
                + GrpcHealthProbe.copyInstruction(path) + " (or download a release asset of"
                + " github.com/grpc-ecosystem/grpc-health-probe there and check its checksum).";
    }

    private static String recommendation(Container c, EffectiveHealthcheck hc, List<String> argv, ImageContents image,
            String missing, String tlsNote) {
        StringBuilder out = new StringBuilder();
        if (argv != null) {
            out.append(missing.equals("sh") ? "Probe in exec form, which needs no shell, with what the image has: "
                    : "Probe with what the image has: ");
            out.append(written(argv, hc));
            out.append('.').append(tlsNote);
        }
        String pm = image.base().map(BaseImageFacts.ImageTools::packageManager).orElse(null);
        if (!missing.equals("sh") && pm != null && c.build() != null) {
            String pkg = BaseImageFacts.PROCPS.contains(missing) ? "procps" : missing;
            out.append(argv == null ? "Install " : " Or install ").append(pkg).append(" in the final stage: ")
                    .append(FinalUser.installRun(c, pm, pkg))
                    .append('.');
        } else if (argv == null) {
            ServerImages.Image known = ServerImages.run(c).orElse(null);
            if (known != null && known.hasProbe()) {
                out.append("Use a probe that runs in ").append(known.name()).append("'s image: ")
                        .append("compose".equals(hc.source()) ? "test: " + known.composeTest()
                                : known.dockerfileInstruction())
                        .append(known.needs() == null ? "" : " (" + known.needs() + ")").append('.');
            } else if (known != null && known.note() != null) {
                String note = known.withoutProbe();
                out.append(Character.toUpperCase(note.charAt(0))).append(note.substring(1)).append('.');
            } else {
                out.append("Use an exec-form probe with a static binary copied into the image (COPY --from a build"
                        + " stage), or the application's own health subcommand if it has one.");
            }
        }
        String shellElsewhere = image.base().map(BaseImageFacts.ImageTools::shellOutsideBin).orElse(null);
        if (missing.equals("sh") && shellElsewhere != null) {
            out.append(" To keep a shell script, start the shell by name in exec form, which finds it on the PATH: "
                    + ("compose".equals(hc.source()) ? "test: [\"CMD\", \"sh\", \"-c\", \"...\"]"
                            : "HEALTHCHECK CMD [\"sh\", \"-c\", \"...\"]")
                    + ", and call only programs BusyBox has.");
        }
        return out.toString().strip();
    }
}
