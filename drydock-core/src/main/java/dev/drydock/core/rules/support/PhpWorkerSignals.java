package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a long-running PHP worker of an image built on the official php image hears docker stop. Laravel's queue:work
 * and Symfony's messenger:consume stop after the current job on a signal only through handlers they install with the
 * pcntl extension, and only when it is loaded; the official php images build PHP without pcntl (their configure has
 * no --enable-pcntl), so the build has to add it: {@code docker-php-ext-install pcntl}, which on the Alpine variants
 * fetches the compilers it needs itself, or install-php-extensions. Their fpm variants stop a container with
 * SIGQUIT (STOPSIGNAL SIGQUIT, php-fpm's graceful stop): Laravel's worker handles SIGQUIT as it does SIGTERM, Symfony
 * Messenger's consumer only since symfony/messenger 7.1, Horizon's master process not at all.
 */
public final class PhpWorkerSignals {

    private PhpWorkerSignals() {}

    /**
     * A worker that stops gracefully only through pcntl: queue:work (not --once or --stop-when-empty, which end by
     * themselves) or messenger:consume; its description with article, else empty. Horizon is none: it calls pcntl
     * without asking, so without the extension it does not start at all.
     */
    public static Optional<String> pcntlWorker(EntryPoint ep) {
        return PhpConsoleCommand.of(ep).flatMap(command -> {
            if (!command.laravel()) {
                return command.name().equals("messenger:consume")
                        ? Optional.of("a Symfony Messenger consumer") : Optional.empty();
            }
            return command.name().equals("queue:work") && !command.options().contains("--once")
                    && !command.options().contains("--stop-when-empty")
                    ? Optional.of("a Laravel queue worker") : Optional.empty();
        });
    }

    /**
     * Whether the container's image is built on the official php image and nothing in its build may add pcntl: no
     * Dockerfile line names it, no extension install takes its list from a variable or a file, no RUN runs a script
     * of the project, no COPY brings PHP extensions from elsewhere, and the project's composer.json and
     * composer.lock do not require ext-pcntl (composer install refuses to run without a required extension).
     */
    public static boolean pcntlMissing(ReviewContext context, Container c) {
        if (c.build() == null || c.build().model() == null || c.build().stage() == null || !PhpFpm.onPhpImage(c)) {
            return false;
        }
        DockerfileModel model = c.build().model();
        String dockerfile = model.syntax().file().text();
        if (dockerfile.toLowerCase(java.util.Locale.ROOT).contains("pcntl")
                || COPIED_EXTENSIONS.matcher(dockerfile).find()) {
            return false;
        }
        for (RunStep run : RunStep.of(model, Stages.needed(model, c.build().stage()))) {
            for (Call call : run.calls()) {
                boolean installs = call.is("docker-php-ext-install", "install-php-extensions", "pecl", "apt-get", "apk");
                if (installs && call.args().stream().filter(a -> !a.value().startsWith("-"))
                                .anyMatch(a -> !a.literal() || a.value().contains("$"))
                        || call.args().stream().anyMatch(a -> a.value().endsWith(".sh"))
                        || call.name() != null && call.name().endsWith(".sh")
                        || call.program() != null && call.program().value().endsWith(".sh")) {
                    return false;
                }
            }
        }
        String dir = c.build().context() == null ? "" : c.build().context();
        for (String file : List.of("composer.json", "composer.lock")) {
            String path = dir.isEmpty() || dir.equals(".") ? file : PathNames.join(dir, file);
            if (context.project().source(path).map(s -> s.text().contains("\"ext-pcntl\"")).orElse(false)) {
                return false;
            }
        }
        return true;
    }

    /** A COPY that brings compiled extensions or their ini files from a stage or another image. */
    private static final Pattern COPIED_EXTENSIONS = Pattern.compile(
            "(?im)^\\s*COPY\\s+[^\\n]*--from\\S*[^\\n]*(php/extensions|conf\\.d|docker-php-ext-)");

    /**
     * How to add pcntl, in the way the Dockerfile already installs extensions: a word more on its
     * docker-php-ext-install or install-php-extensions line, else a RUN of its own.
     */
    public static String pcntlInstall(Container c) {
        DockerfileModel model = c.build().model();
        for (RunStep run : RunStep.of(model, Stages.inImage(model, c.build().stage()))) {
            for (Call call : run.calls()) {
                if (call.is("docker-php-ext-install", "install-php-extensions")) {
                    return "add pcntl to the " + call.name() + " of line " + call.span().startLine() + " of "
                            + model.syntax().file().path() + " (`" + call.name() + " pcntl ...`)";
                }
            }
        }
        return "add `RUN docker-php-ext-install pcntl` after FROM " + rootImage(model, c.build().stage())
                + " (on the Debian and the Alpine variants alike: the script fetches the compilers it needs)";
    }

    /** The image the official php image is named as in FROM. */
    public static String rootImage(DockerfileModel model, Stage stage) {
        BaseImage base = Stages.rootBase(model, stage);
        return base instanceof BaseImage.External e && e.reference() != null ? e.reference().familiarString() : "php";
    }

    /**
     * The stop signal the official php image's variant sets when nothing in the project writes one: SIGQUIT for
     * the fpm variants (php-fpm's graceful stop), SIGWINCH for the apache variants (Apache's graceful stop); empty
     * for the cli variants and any other image.
     */
    public static Optional<String> imageStopSignal(Container c) {
        if (c.build() == null || c.build().model() == null || c.build().stage() == null || !PhpFpm.onPhpImage(c)
                || StopSignals.of(c).isPresent()) {
            return Optional.empty();
        }
        BaseImage base = Stages.rootBase(c.build().model(), c.build().stage());
        String tag = base instanceof BaseImage.External e && e.reference() != null ? e.reference().tag() : null;
        if (tag == null) {
            return Optional.empty();
        }
        return tag.contains("fpm") ? Optional.of("SIGQUIT") : tag.contains("apache") ? Optional.of("SIGWINCH")
                : Optional.empty();
    }

    /**
     * A worker that leaves the signal unhandled. SIGWINCH, which a process ignores by default: every worker (Laravel's
     * queue:work and Horizon, Symfony's messenger:consume). SIGQUIT: Horizon (its master process handles SIGTERM,
     * SIGUSR1, SIGUSR2 and SIGCONT), or messenger:consume of a symfony/messenger older than 7.1 (composer.lock's
     * version, else an upper bound of composer.json's constraint below 7.1). A Messenger consumer whose configuration
     * chooses its signals (stop_worker_on_signals) is none. Its description, else empty.
     */
    public static Optional<String> unhandled(ReviewContext context, Container c, EntryPoint ep, String signal) {
        Optional<PhpConsoleCommand> command = PhpConsoleCommand.of(ep);
        if (command.isEmpty()) {
            return Optional.empty();
        }
        if (command.get().laravel()) {
            if (command.get().name().equals("horizon")) {
                return Optional.of(signal.equals("SIGQUIT")
                        ? "Laravel Horizon, whose master process handles SIGTERM but not SIGQUIT" : "Laravel Horizon");
            }
            return signal.equals("SIGWINCH") ? pcntlWorker(ep) : Optional.empty();
        }
        if (!command.get().name().equals("messenger:consume")) {
            return Optional.empty();
        }
        String dir = c.build() == null || c.build().context() == null || c.build().context().equals(".") ? ""
                : c.build().context();
        for (String config : List.of("config/packages/messenger.yaml", "config/packages/messenger.yml",
                "config/packages/messenger.php", "config/packages/framework.yaml")) {
            String path = dir.isEmpty() ? config : PathNames.join(dir, config);
            if (context.project().source(path).map(s -> s.text().contains("stop_worker_on_signals")
                    || s.text().contains("stopWorkerOnSignals")).orElse(false)) {
                return Optional.empty();
            }
        }
        if (signal.equals("SIGWINCH")) {
            return Optional.of("a Symfony Messenger consumer");
        }
        return messengerVersion(context, dir).filter(v -> v.below71())
                .map(v -> "a Symfony Messenger consumer of symfony/messenger " + v.written() + " (" + v.source()
                        + "), which handles SIGQUIT only from 7.1 on");
    }

    private record Version(String written, String source, boolean below71) {}

    private static final Pattern LOCKED = Pattern.compile(
            "\"name\"\\s*:\\s*\"symfony/messenger\"\\s*,\\s*\"version\"\\s*:\\s*\"(v?(\\d+)\\.(\\d+)[^\"]*)\"");
    private static final Pattern REQUIRED = Pattern.compile("\"symfony/messenger\"\\s*:\\s*\"([^\"]*)\"");
    /** Constraints whose every version is below 7.1: 6.4.*, ~6.4, ^6.4, 7.0.*, ~7.0.3, 6.4.8. */
    private static final Pattern BELOW_71 = Pattern.compile(
            "\\s*(?:(?:\\^|~)?v?[1-6](?:\\.\\d+){0,2}(?:\\.\\*)?|v?7\\.0(?:\\.\\d+|\\.\\*)?|~v?7\\.0\\.\\d+)\\s*");

    private static Optional<Version> messengerVersion(ReviewContext context, String dir) {
        String lockPath = dir.isEmpty() ? "composer.lock" : PathNames.join(dir, "composer.lock");
        Optional<String> lock = context.project().source(lockPath).map(s -> s.text());
        if (lock.isPresent()) {
            Matcher m = LOCKED.matcher(lock.get());
            if (!m.find()) {
                return Optional.empty();
            }
            int major = Integer.parseInt(m.group(2));
            int minor = Integer.parseInt(m.group(3));
            return Optional.of(new Version(m.group(1), "in " + lockPath, major < 7 || major == 7 && minor < 1));
        }
        String jsonPath = dir.isEmpty() ? "composer.json" : PathNames.join(dir, "composer.json");
        return context.project().source(jsonPath).flatMap(s -> {
            Matcher m = REQUIRED.matcher(s.text());
            if (!m.find()) {
                return Optional.empty();
            }
            String constraint = m.group(1);
            boolean below = java.util.Arrays.stream(constraint.split("\\|\\|?"))
                    .allMatch(part -> BELOW_71.matcher(part).matches());
            return Optional.of(new Version(constraint, "as " + jsonPath + " requires it", below));
        });
    }
}
