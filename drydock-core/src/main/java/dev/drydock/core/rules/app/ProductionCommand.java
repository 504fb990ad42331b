package dev.drydock.core.rules.app;

import dev.drydock.core.app.AppSource;
import dev.drydock.core.app.ServerCall;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.TagVersion;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.Stages;
import java.util.ArrayList;
import java.util.List;

/**
 * The production server command drydock writes for a Python web application: gunicorn for WSGI
 * (waitress when that is the server the project declares), uvicorn for ASGI, in exec form, with a
 * graceful timeout under which the workers finish their requests on SIGTERM, and a worker count from
 * the CPU limit that the memory the application's ML libraries take per process can lower
 * (the estimates of {@link MemoryLimitTooLow}). When the development server takes TLS with certificate and key files
 * the code names, the command takes them too (gunicorn's --certfile and --keyfile, uvicorn's --ssl-certfile and
 * --ssl-keyfile; gunicorn in place of waitress, which has no TLS), so that the port keeps speaking HTTPS.
 *
 * @param server the server's package name
 * @param requirement what to add to the manifest when the server is not declared
 * @param argv the CMD in exec form
 * @param basis how the worker count was arrived at, for messages
 * @param declared whether the project's manifests already declare the server
 * @param placeholder whether the target could not be told (a {@code <project>} placeholder in argv)
 * @param codeLine a line the application's module needs before the command can load it ({@code server = app.server}
 *     for Dash), or null
 * @param tls the TLS the development server takes on its port, which the command keeps, or null (plain HTTP, or not
 *     told)
 */
record ProductionCommand(String server, String requirement, List<String> argv, String basis, boolean declared,
        boolean placeholder, String codeLine, ServerCall.Tls tls) {

    /**
     * Why the command cannot keep the development server's TLS, as it names no certificate files drydock can read
     * ('adhoc', an SSLContext the code builds): argv then holds placeholders for them. Null when it can, or when
     * there is no TLS to keep.
     */
    String tlsUnportable() {
        return tls == null || tls.files() ? null : tls.noFiles() != null ? tls.noFiles() : tls.because();
    }

    /** gunicorn's current release (27.0.1, published in November 2026; Python 3.10 and later). */
    static final String GUNICORN_VERSION = "27.0.1";

    /** uvicorn's current release (0.54.0, published in September 2026). */
    static final String UVICORN_VERSION = "0.54.0";

    /** gunicorn's last release before 24, which installs on Python 3.7 to 3.9 (requires-python >= 3.7). */
    static final String GUNICORN_PYTHON37_VERSION = "23.0.0";

    /** Seconds the server lets requests in flight finish after SIGTERM. */
    static final int GRACEFUL_SECONDS = 30;

    /** Most workers written whatever the CPU limit: beyond this, more processes rarely help one container. */
    static final int MAX_WORKERS = 12;

    /** Threads per worker when the memory the ML libraries need keeps the worker count low. */
    static final int THREADS = 4;

    /** gunicorn's worker timeout for ML applications, whose requests (inference) outlast the default 30 s. */
    static final int ML_TIMEOUT = 120;

    /** Stand-ins for the certificate files when the development server names none drydock can read. */
    static final String CERTIFICATE_PLACEHOLDER = "<certificate.pem>";
    static final String KEY_PLACEHOLDER = "<private-key.pem>";

    static ProductionCommand of(ReviewContext context, Container c, AppSource app) {
        AppFacts.ServerCommand base = AppFacts.pythonServer(context, c, app);
        String target = base.argv().get(base.server().equals("uvicorn") ? 1 : base.argv().size() - 1);
        int port = AppFacts.port(context, c, app);
        Workers workers = workers(context, c);
        ServerCall.Tls tls = app.devServer().map(ServerCall::tls).filter(ServerCall.Tls::on).orElse(null);
        String certfile = tls == null ? null : tls.files() ? tls.certfile() : CERTIFICATE_PLACEHOLDER;
        String keyfile = tls == null ? null : tls.files() ? tls.keyfile() : KEY_PLACEHOLDER;
        String server = base.server().equals("waitress") && tls != null ? "gunicorn" : base.server();
        List<String> argv = new ArrayList<>();
        String requirement;
        switch (server) {
            case "uvicorn" -> {
                argv.addAll(List.of("uvicorn", target, "--host", "0.0.0.0", "--port", Integer.toString(port), "--workers",
                        Integer.toString(workers.count()), "--timeout-graceful-shutdown", Integer.toString(GRACEFUL_SECONDS)));
                if (tls != null) {
                    argv.addAll(List.of("--ssl-certfile", certfile, "--ssl-keyfile", keyfile));
                }
                requirement = "uvicorn[standard]" + pin(c, UVICORN_VERSION, null);
            }
            case "waitress" -> {
                argv.addAll(List.of("waitress-serve", "--listen=0.0.0.0:" + port,
                        "--threads=" + workers.count() * Math.max(1, workers.threads()), target));
                requirement = "waitress";
            }
            default -> {
                argv.addAll(List.of("gunicorn", "--bind", "0.0.0.0:" + port, "--workers", Integer.toString(workers.count())));
                if (workers.threads() > 1) {
                    argv.addAll(List.of("--threads", Integer.toString(workers.threads())));
                }
                if (workers.ml()) {
                    argv.addAll(List.of("--timeout", Integer.toString(ML_TIMEOUT)));
                }
                if (tls != null) {
                    argv.addAll(List.of("--certfile", certfile, "--keyfile", keyfile));
                }
                argv.addAll(List.of("--graceful-timeout", Integer.toString(GRACEFUL_SECONDS), "--access-logfile", "-",
                        target));
                requirement = "gunicorn" + pin(c, GUNICORN_VERSION, GUNICORN_PYTHON37_VERSION);
            }
        }
        boolean declared = server.equals(base.server()) ? base.declared() : AppFacts.dependencies(c, Ecosystem.PYPI,
                List.of(server)).stream().findAny().isPresent();
        declared = declared || ServerRequirement.installedFromDistribution(c, server);
        return new ProductionCommand(server, requirement, List.copyOf(argv), workers.basis(), declared,
                target.startsWith("<"), AppFacts.dashServerLine(context, c, app), tls);
    }

    /**
     * The version pin for the server: its current release, which needs Python 3.10, when the image's Python is
     * that recent or cannot be told; {@code olderPython} on an official python image of 3.7 to 3.9; else none,
     * so that pip picks the newest release the image's Python can install.
     */
    private static String pin(Container c, String current, String olderPython) {
        if (c.build() == null || c.build().stage() == null
                || !(Stages.rootBase(c.build().model(), c.build().stage()) instanceof BaseImage.External base)
                || base.reference() == null || !"python".equals(ImageTags.officialName(base.reference()))
                || base.reference().version() == null) {
            return "==" + current;
        }
        TagVersion version = base.reference().version();
        if (version.major().orElse(3) != 3 || version.minor().isEmpty() || version.minor().getAsLong() >= 10) {
            return "==" + current;
        }
        return olderPython != null && version.minor().getAsLong() >= 7 ? "==" + olderPython : "";
    }

    /** A worker count, the threads per worker (1: none), whether ML libraries decided it, and why. */
    record Workers(int count, int threads, boolean ml, String basis) {}

    /**
     * (2 × CPUs) + 1 from the CPU limit, at most {@link #MAX_WORKERS}; with ML libraries, as many as
     * the memory limit holds at {@link MemoryLimitTooLow}'s per-process estimate (at least one, two
     * without a memory limit), with {@link #THREADS} threads each to keep the concurrency.
     */
    static Workers workers(ReviewContext context, Container c) {
        AppFacts.Workers cpu = AppFacts.workers(context, c);
        int count = Math.min(cpu.count(), MAX_WORKERS);
        String basis = cpu.count() > MAX_WORKERS ? cpu.basis() + ", capped at " + MAX_WORKERS : cpu.basis();
        List<MemoryLimitTooLow.MlPackage> ml = MemoryLimitTooLow.mlPackages(c);
        if (ml.isEmpty()) {
            return new Workers(count, 1, false, basis);
        }
        int perProcess = MemoryLimitTooLow.BASE_MIB;
        for (MemoryLimitTooLow.MlPackage p : ml) {
            perProcess += p.mib();
        }
        Located<Service.ByteSize> limit = AppFacts.memoryLimit(c);
        String libraries = AppFacts.and(ml.stream().map(MemoryLimitTooLow.MlPackage::name).toList());
        int fit;
        String why;
        if (limit != null && limit.value() != null && limit.value().bytes() > 0) {
            long limitMib = limit.value().bytes() / (1024 * 1024);
            fit = (int) Math.max(1, limitMib / perProcess);
            why = "each process loads " + libraries + " (~" + perProcess + " MiB), and the memory limit of "
                    + limit.value().text() + " holds " + (limitMib / perProcess == 0 ? "not even one" : Long.toString(fit));
        } else {
            fit = 2;
            why = "each process loads " + libraries + " (~" + perProcess + " MiB), and no memory limit says how many fit";
        }
        if (fit >= count) {
            return new Workers(count, 1, true, basis);
        }
        return new Workers(fit, THREADS, true, fit + " with " + THREADS + " threads each, where the CPU limit alone gives "
                + count + " (" + basis + "): " + why);
    }
}
