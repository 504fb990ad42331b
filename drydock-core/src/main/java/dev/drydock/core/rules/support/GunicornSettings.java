package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.GunicornOptions;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.shell.ShellWords;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings gunicorn runs a container's program with, each with the place it comes from. gunicorn takes a setting
 * from, most authoritative first: its command line, the {@code GUNICORN_CMD_ARGS} variable (read as command-line
 * words), the configuration file ({@code -c} of the command line, else of GUNICORN_CMD_ARGS, else gunicorn.conf.py in
 * the working directory), and its default, which for {@code workers} is {@code WEB_CONCURRENCY} when set.
 */
public final class GunicornSettings {

    /** Where an effective value comes from. */
    public enum Source { COMMAND_LINE, GUNICORN_CMD_ARGS, CONFIG_FILE, WEB_CONCURRENCY, DEFAULT }

    /**
     * A setting's effective value.
     *
     * @param setting the configuration-file name ({@code workers}, {@code worker_class}, {@code graceful_timeout})
     * @param value the value as gunicorn reads it (a string literal of the configuration file without its quotes, a
     *     list of them joined with commas as repeated command-line options are); null when the configuration file
     *     computes it (from the environment, say) or gunicorn's default applies
     * @param source where it comes from
     * @param location where it is written: the value itself when drydock finds it there, else the line or instruction
     *     that holds it; null for the default and for a variable set where drydock cannot point
     * @param written the words that set it, as a message can quote them ({@code --workers 4},
     *     {@code workers = 2 * cpu_count()}, {@code WEB_CONCURRENCY=3}); null for the default
     */
    public record Value(String setting, String value, Source source, Location location, String written) {

        /** The value as a whole number, or null when it is not one. */
        public Integer integer() {
            return value != null && value.strip().matches("\\d{1,9}") ? Integer.valueOf(value.strip()) : null;
        }

        /** The value as a number of seconds, or null when it is not a number. */
        public Double seconds() {
            return value != null && NUMBER.matcher(value.strip()).matches() ? Double.valueOf(value.strip()) : null;
        }

        /** Whether the configuration file computes the value, so that only the running container knows it. */
        public boolean computed() {
            return source == Source.CONFIG_FILE && value == null;
        }

        /** Where it is set, in words: {@code GUNICORN_CMD_ARGS (Dockerfile line 4)}, {@code gunicorn's default}. */
        public String describe() {
            String line = location == null || location.file() == null ? ""
                    : " (" + location.file() + " line " + location.line() + ")";
            return switch (source) {
                case COMMAND_LINE -> "`" + written + "` on the command line";
                case GUNICORN_CMD_ARGS -> "`" + written + "` in GUNICORN_CMD_ARGS" + line;
                case CONFIG_FILE -> "`" + written + "` in " + location.file() + " line " + location.line();
                case WEB_CONCURRENCY -> "WEB_CONCURRENCY=" + value + line;
                case DEFAULT -> "gunicorn's default";
            };
        }
    }

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    /** A configuration file that may set names its assignments do not show: a wildcard import, locals() or globals(). */
    private static final Pattern SETS_NAMES_INDIRECTLY = Pattern.compile(
            "(?m)^\\s*from\\s+\\S+\\s+import\\s+\\*|\\b(?:locals|globals|vars)\\(\\)|^\\s*exec\\(");
    private static final String CMD_ARGS = "GUNICORN_CMD_ARGS";
    private static final String WEB_CONCURRENCY = "WEB_CONCURRENCY";

    /** Configuration-file names whose command-line option is not the name with dashes. */
    private static final Map<String, String> OPTION_NAMES = Map.of("preload_app", "preload", "keepalive",
            "keep-alive", "accesslog", "access-logfile", "errorlog", "error-logfile", "loglevel", "log-level",
            "wsgi_app", "", "limit_request_field_size", "limit-request-field_size");

    private final ReviewContext context;
    private final Container container;
    private final EntryPoint program;
    private final Map<String, String> commandLine;
    private final Map<String, String> cmdArgs;
    private final Optional<SourceFile> configFile;
    private final boolean configUnknown;

    private GunicornSettings(ReviewContext context, Container container, EntryPoint program) {
        this.context = context;
        this.container = container;
        this.program = program;
        List<String> args = program.args();
        this.commandLine = GunicornOptions.parse(args.isEmpty() ? List.of() : args.subList(1, args.size()));
        String variable = program.environment().get(CMD_ARGS);
        this.cmdArgs = variable == null ? Map.of() : GunicornOptions.parse(ShellWords.split(variable));
        this.configFile = GunicornConfigs.readFile(context, container, program);
        this.configUnknown = configFile.isEmpty()
                ? program.option("config") != null || GunicornConfigs.inBuildContext(context, container)
                : SETS_NAMES_INDIRECTLY.matcher(configFile.get().text()).find();
    }

    /** The settings of the container's own program; null when that is not gunicorn. */
    public static GunicornSettings of(ReviewContext context, Container c) {
        return c.entryPoint() == null ? null : of(context, c, c.entryPoint());
    }

    /** The settings of a gunicorn program the container runs (its own, or one a process manager starts); null else. */
    public static GunicornSettings of(ReviewContext context, Container c, EntryPoint program) {
        if (program == null || program.runtime() != Runtime.GUNICORN) {
            return null;
        }
        return context.memo("gunicorn-settings", program, () -> new GunicornSettings(context, c, program));
    }

    /**
     * Whether a configuration file may set what drydock does not find in it: {@code -c} names a file outside the build
     * context or a Python module, a gunicorn.conf.py lies elsewhere than at the build context's root, or the file sets
     * names without assignments (a wildcard import, {@code locals()[key] = value}).
     */
    public boolean configFileUnknown() {
        return configUnknown;
    }

    /** The configuration file gunicorn reads, when drydock finds it in the build context. */
    public Optional<SourceFile> configFile() {
        return configFile;
    }

    /**
     * The effective value of {@code setting} (its configuration-file name: {@code workers}, {@code bind},
     * {@code worker_class}, {@code threads}, {@code timeout}, {@code graceful_timeout}, {@code certfile},
     * {@code preload_app}, {@code max_requests}); empty when gunicorn's default applies but a configuration file drydock
     * cannot read may set it.
     */
    public Optional<Value> get(String setting) {
        String option = OPTION_NAMES.getOrDefault(setting, setting.replace('_', '-'));
        if (!option.isEmpty() && commandLine.containsKey(option)) {
            return Optional.of(fromCommand(setting, option));
        }
        if (!option.isEmpty() && cmdArgs.containsKey(option)) {
            String value = cmdArgs.get(option);
            return Optional.of(new Value(setting, value, Source.GUNICORN_CMD_ARGS,
                    variableLocation(CMD_ARGS, value), "--" + option + ("true".equals(value) ? "" : " " + value)));
        }
        Optional<GunicornConfigs.Setting> configured = configFile.isEmpty() ? Optional.empty()
                : GunicornConfigs.setting(context, container, program, setting);
        if (configured.isPresent()) {
            GunicornConfigs.Setting s = configured.get();
            List<String> strings = s.strings();
            String value = strings != null && !strings.isEmpty() ? String.join(",", strings) : literal(s.value());
            return Optional.of(new Value(setting, value, Source.CONFIG_FILE, new Location(s.file().path(), s.span()),
                    setting + " = " + s.value()));
        }
        if (configUnknown) {
            return Optional.empty();
        }
        String concurrency = program.environment().get(WEB_CONCURRENCY);
        if (setting.equals("workers") && concurrency != null && !concurrency.isEmpty()) {
            return Optional.of(new Value(setting, concurrency, Source.WEB_CONCURRENCY,
                    variableLocation(WEB_CONCURRENCY, concurrency), WEB_CONCURRENCY + "=" + concurrency));
        }
        return Optional.of(new Value(setting, null, Source.DEFAULT, null, null));
    }

    /** A number, True/False or None as the configuration file writes it; null for an expression. */
    private static String literal(String expression) {
        if (NUMBER.matcher(expression).matches()) {
            return expression;
        }
        return switch (expression) {
            case "True" -> "true";
            case "False" -> "false";
            default -> null;
        };
    }

    private Value fromCommand(String setting, String option) {
        String value = commandLine.get(option);
        String written = "--" + option + ("true".equals(value) ? "" : " " + value);
        Location location = null;
        if (container.command() != null) {
            for (Origin origin : java.util.Arrays.asList(container.command().cmdOrigin(), container.command().origin())) {
                location = within(origin, value);
                if (location != null) {
                    break;
                }
            }
            if (location == null && container.command().origin() != null) {
                location = new Location(container.command().origin().file(), container.command().origin().span());
            }
        }
        return new Value(setting, value, Source.COMMAND_LINE, location, written);
    }

    /**
     * Where the program's variable is set: the compose service's environment, else the image's ENV when its value is
     * the one the program sees; null when it is set elsewhere (a start script's export).
     */
    private Location variableLocation(String name, String value) {
        String seen = program.environment().get(name);
        if (container.service() != null) {
            Optional<Service.EnvVar> var = container.service().env(name);
            if (var.isPresent() && var.get().value() != null) {
                Location at = new Location(var.get().value().file().path(), var.get().value().span());
                return narrowed(at, value);
            }
        }
        if (container.build() != null && container.build().stage() != null) {
            Variables.Definition d = container.build().stage().variables().definition(name);
            if (d != null && d.kind() == Variables.Kind.ENV && d.instruction() != null && d.value() != null
                    && d.value().equals(seen)) {
                return narrowed(new Location(d.instruction().file().path(), d.instruction().span()), value);
            }
        }
        return null;
    }

    private Location narrowed(Location at, String value) {
        Location inside = within(new Origin(at.file(), at.span()), value);
        return inside != null ? inside : at;
    }

    /** The place of {@code value} inside the text at {@code origin}, or null when the text does not hold it. */
    private Location within(Origin origin, String value) {
        if (origin == null || origin.span() == null || value == null || value.isEmpty() || value.equals("true")) {
            return null;
        }
        SourceFile file = context.project().source(origin.file()).orElse(null);
        if (file == null) {
            return null;
        }
        int at = file.text(origin.span()).indexOf(value);
        if (at < 0) {
            return null;
        }
        int start = origin.span().start() + at;
        return new Location(file.path(), file.span(start, start + value.length()));
    }
}
