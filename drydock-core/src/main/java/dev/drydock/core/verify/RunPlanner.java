package dev.drydock.core.verify;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.compose.template.Substitution;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.project.Container;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides how an image is run for verification: what compose says for its service (environment,
 * user, init, command, healthcheck, stop grace period) over what the image says.
 */
public final class RunPlanner {

    /** The value a required variable ({@code ${X:?message}}) without a value gets, so the container can start. */
    public static final String PLACEHOLDER = "drydock-verify";

    static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final int DEFAULT_RETRIES = 3;

    public RunPlan plan(Container container, ImageInfo image, String tag, String name) {
        Service service = container.service();
        List<String> notes = new ArrayList<>();
        Map<String, String> env = service == null ? Map.of() : environment(service, notes);
        String user = service == null || service.user() == null ? null : service.user().value();
        boolean init = service != null && service.runsInit();
        List<String> entrypoint = null;
        List<String> command = null;
        if (service != null && service.entrypoint() != null) {
            entrypoint = service.entrypoint().argv();
            command = List.of();
        }
        if (service != null && service.command() != null) {
            command = service.command().argv();
        }
        List<String> runs = new ArrayList<>(entrypoint == null ? image.entrypoint() : entrypoint);
        runs.addAll(command == null ? (entrypoint == null ? image.cmd() : List.of()) : command);

        HealthSettings health = health(service, image);
        List<String> healthTest = null;
        Duration healthTimeout = null;
        Integer healthRetries = null;
        Duration healthStart = null;
        if (health != null && health.source().equals("compose")) {
            healthTest = image.healthcheck() == null || !image.healthcheck().test().equals(health.test()) ? health.test() : null;
            healthTimeout = health.timeout();
            healthRetries = health.retries();
            healthStart = health.startPeriod();
        }
        Duration grace = service != null && service.stopGracePeriod() != null
                ? service.stopGracePeriod().value().duration() : DEFAULT_GRACE;
        if (service != null && !service.envFiles().isEmpty()) {
            notes.add("env_file entries are not passed to the verification run");
        }
        String workdir = service != null && service.workingDir() != null ? service.workingDir().value() : image.workdir();
        RunSpec spec = new RunSpec(tag, name, env, user, init, entrypoint, command, healthTest, healthTimeout,
                healthRetries, healthStart, health == null ? null : Duration.ofSeconds(1), grace);
        return new RunPlan(spec, runs, health, grace, workdir, writableDirs(container, service, image, workdir), notes);
    }

    /** The healthcheck in effect, engine defaults filled in; null when there is none or it is disabled. */
    static HealthSettings health(Service service, ImageInfo image) {
        ImageInfo.Health fromImage = image.healthcheck();
        Service.Healthcheck fromCompose = service == null ? null : service.healthcheck();
        if (fromCompose != null && fromCompose.disabled()) {
            return null;
        }
        if (fromCompose != null && !fromCompose.testForm().equals("INVALID")) {
            List<String> test = fromCompose.test().stream().map(Located::value).toList();
            if (test.isEmpty() && (fromImage == null || fromImage.disabled())) {
                return null;
            }
            return new HealthSettings(test.isEmpty() ? fromImage.test() : test, "compose",
                    or(duration(fromCompose.interval()), fromImage == null ? null : fromImage.interval(), DEFAULT_INTERVAL),
                    or(duration(fromCompose.timeout()), fromImage == null ? null : fromImage.timeout(), DEFAULT_TIMEOUT),
                    or(duration(fromCompose.startPeriod()), fromImage == null ? null : fromImage.startPeriod(), Duration.ZERO),
                    fromCompose.retries() != null ? fromCompose.retries().value().intValue()
                            : fromImage != null && fromImage.retries() != null ? fromImage.retries() : DEFAULT_RETRIES);
        }
        if (fromImage == null || fromImage.disabled()) {
            return null;
        }
        return new HealthSettings(fromImage.test(), "image", or(fromImage.interval(), null, DEFAULT_INTERVAL),
                or(fromImage.timeout(), null, DEFAULT_TIMEOUT), or(fromImage.startPeriod(), null, Duration.ZERO),
                fromImage.retries() == null ? DEFAULT_RETRIES : fromImage.retries());
    }

    private static Duration duration(Located<Service.DurationValue> value) {
        return value == null ? null : value.value().duration();
    }

    private static Duration or(Duration first, Duration second, Duration fallback) {
        return first != null ? first : second != null ? second : fallback;
    }

    /**
     * The service's environment as the container gets it: variables without a value (taken from the
     * shell) are left out; a required variable without a value gets {@link #PLACEHOLDER}.
     */
    static Map<String, String> environment(Service service, List<String> notes) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Service.EnvVar var : service.environment()) {
            if (var.value() == null) {
                continue;
            }
            String value = var.value().value();
            if (var.value().node() instanceof ScalarNode scalar) {
                Set<String> missing = new LinkedHashSet<>();
                String filled = withPlaceholders(scalar, missing);
                if (!missing.isEmpty()) {
                    value = var.listForm() && filled.startsWith(var.name() + "=")
                            ? filled.substring(var.name().length() + 1) : filled;
                    notes.add(var.name() + ": required variable " + String.join(", ", missing) + " has no value; ran with \""
                            + PLACEHOLDER + "\"");
                }
            }
            env.put(var.name(), value);
        }
        return env;
    }

    /** The scalar's value with every required variable that has no value replaced by {@link #PLACEHOLDER}. */
    static String withPlaceholders(ScalarNode scalar, Set<String> missing) {
        List<Substitution> outer = scalar.substitutions().stream().filter(s -> !s.nested()).toList();
        if (outer.stream().noneMatch(Substitution::missingRequired)) {
            return scalar.value();
        }
        StringBuilder text = new StringBuilder();
        String raw = scalar.raw();
        int at = 0;
        for (Substitution s : outer) {
            text.append(raw, at, s.start());
            if (s.missingRequired()) {
                missing.add(s.name());
                text.append(PLACEHOLDER);
            } else {
                text.append(s.result());
            }
            at = s.end();
        }
        return text.append(raw.substring(at)).toString().replace("$$", "$");
    }

    /**
     * Directories the runtime user must be able to write: compose volume targets (named or anonymous
     * volumes: a bind mount's access is the host's), the image's VOLUMEs, and the directories the final
     * stage creates with {@code mkdir} other than the working directory and its parents (application
     * folders are better left read-only).
     */
    static List<RunPlan.WritableDir> writableDirs(Container container, Service service, ImageInfo image, String workdir) {
        Map<String, String> dirs = new LinkedHashMap<>();
        if (service != null) {
            for (Service.Volume volume : service.volumes()) {
                if ("volume".equals(volume.type()) && volume.target() != null && volume.target().startsWith("/")
                        && !volume.readOnly()) {
                    dirs.putIfAbsent(trim(volume.target()), "compose volume");
                }
            }
        }
        for (String volume : image.volumes()) {
            dirs.putIfAbsent(trim(volume), "VOLUME");
        }
        Stage stage = container.build() == null ? null : container.build().stage();
        if (stage != null) {
            for (CommandSpec run : stage.runs()) {
                for (String dir : mkdirTargets(run.execForm() ? String.join(" ", run.arguments()) : run.shellText())) {
                    if (!workdir.isEmpty() && (trim(workdir).equals(dir) || trim(workdir).startsWith(dir + "/"))) {
                        continue;
                    }
                    dirs.putIfAbsent(dir, "mkdir");
                }
            }
        }
        return dirs.entrySet().stream().map(e -> new RunPlan.WritableDir(e.getKey(), e.getValue())).toList();
    }

    /** The absolute, literal paths {@code mkdir} creates in a shell script. */
    static List<String> mkdirTargets(String script) {
        List<String> dirs = new ArrayList<>();
        boolean inMkdir = false;
        for (String word : script.replace("\\\n", " ").split("[\\s]+")) {
            if (word.equals("mkdir") || word.endsWith("/mkdir")) {
                inMkdir = true;
            } else if (inMkdir && (word.equals("&&") || word.equals(";") || word.equals("||") || word.equals("|")
                    || word.endsWith(";"))) {
                String last = word.endsWith(";") ? word.substring(0, word.length() - 1) : "";
                if (last.startsWith("/") && literal(last)) {
                    dirs.add(trim(last));
                }
                inMkdir = false;
            } else if (inMkdir && word.startsWith("/") && literal(word)) {
                dirs.add(trim(word));
            }
        }
        return dirs;
    }

    private static boolean literal(String word) {
        return word.chars().noneMatch(c -> "$*?{}[]'\"`()<>".indexOf(c) >= 0);
    }

    private static String trim(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
