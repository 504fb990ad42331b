package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.rules.support.EnvFiles;
import dev.drydock.core.rules.support.ExampleEnvCopies;

import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.review.Category;
import dev.drydock.core.dockerfile.syntax.ArgList;
import dev.drydock.core.dockerfile.syntax.KeyValue;
import dev.drydock.core.dockerfile.syntax.KeyValueList;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.rules.support.DockerfileEdits;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ComposeEnvironment;
import dev.drydock.core.discovery.FileKind;
import dev.drydock.core.discovery.Language;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.rules.support.ImageVariables;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.rules.support.MixReleases;
import dev.drydock.core.rules.support.SwitchValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "dev-config-in-image",
        title = "Development configuration is baked into the image",
        severity = Severity.CRITICAL,
        category = Category.SECURITY,
        checks = "ENV values the final image keeps (ENV in the target stage or the stages it is FROM, not replaced by"
                + " a later ENV), and ARG defaults of the same stages for the mode variables build tools read:"
                + " (1) mode variables set to a development mode: FLASK_ENV, NODE_ENV, RAILS_ENV, RACK_ENV, APP_ENV,"
                + " ENVIRONMENT, MIX_ENV, ASPNETCORE_ENVIRONMENT and any *_ENV/*_ENVIRONMENT/*_MODE = dev|development|local;"
                + " SPRING_PROFILES_ACTIVE, QUARKUS_PROFILE with a dev/development/local profile; GIN_MODE=debug;"
                + " (2) debug switches: DEBUG, FLASK_DEBUG, DJANGO_DEBUG, APP_DEBUG and any *_DEBUG = 1|true|yes|on,"
                + " PYTHONDEVMODE, WERKZEUG_DEBUG_PIN=off, NODE_OPTIONS with --inspect, JAVA_TOOL_OPTIONS/JAVA_OPTS"
                + " with a jdwp agent; (3) other values whose file or identifier part has the word dev or development"
                + " as a token (unify_dev.db, settings.dev, postgres://.../app_dev; a value that is only the word when"
                + " the name is one of a resource: DB_NAME=dev, not RELEASE_TYPE=dev), not inside another word (device,"
                + " devops) and not in /dev/ paths, search paths (*PATH), versions (*_VERSION), exclusions (BUNDLE_WITHOUT,"
                + " *_EXCLUDE, *_SKIP: they keep development out), package lists (*_DEPS,"
                + " *_PACKAGES, values with spaces) or lib*-dev package names; (4) a `mix release` run for the dev environment (MIX_ENV"
                + " unset, or dev in a builder stage) whose release the image keeps (it is built in the image, or a"
                + " COPY --from takes _build/ENV/rel or the release's --path), for a Mix project with a config/dev.exs"
                + " whose mix.exs does not make release prefer another environment (preferred_envs), high: the"
                + " release is configured by dev.exs (the message names its debug_errors, code_reloader, written"
                + " secret_key_base and loopback ip) and runtime.exs's prod settings are left out. ENV is critical; an ARG default is high"
                + " (it configures the build's RUN steps, not the running container). Quiet for target stages named"
                + " for development or tests (dev, test, ci), for images only development compose files run"
                + " (compose/local/django/Dockerfile built by local.yml alone), and for a variable the framework version the project asks for"
                + " no longer reads (FLASK_ENV with Flask 2.3 or later, which deprecated-env reports). (5) High: a"
                + " committed env template (.env.example, .env.dist, .env.local ...) that a COPY or a RUN cp makes the"
                + " image's .env, when the template sets a mode variable to a development mode or a *_DEBUG switch on"
                + " (Laravel's APP_ENV=local, APP_DEBUG=true), unless the image's ENV or every compose service that runs"
                + " it sets the variable (dotenv loaders leave set variables alone) or a later RUN edits the file.",
        problem = "An ENV value becomes the default of every container started from the image, wherever it runs:"
                + " a development database name, mode or debug switch set here is what production gets unless every"
                + " deployment remembers to override it.",
        impact = "Production containers can run with debuggers enabled (remote code execution through the Werkzeug"
                + " or Node inspector), verbose error pages, development databases or settings, and the image's"
                + " behaviour differs silently between docker run, compose and orchestrators.",
        recommendation = "Keep production values (or none) in the image and set development values only where"
                + " development happens: a compose override file, a .env file used in development, or a dev stage.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#env",
                "https://flask.palletsprojects.com/en/stable/config/#debug-mode",
                "https://hexdocs.pm/phoenix/releases.html",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html",
                "https://docs.docker.com/compose/how-tos/multiple-compose-files/merge/"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "15 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        ENV FLASK_DEBUG=1
                        COPY . /app
                        CMD ["gunicorn", "--chdir", "/app", "app:app"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        COPY . /app
                        CMD ["gunicorn", "--chdir", "/app", "app:app"]
                        """))
public final class DevConfigInImage implements Rule {

    private static final Pattern DEV_LIBRARY = Pattern.compile("(?i)lib[a-z0-9.+-]*-dev");

    private static final Set<String> MODE_NAMES = Set.of("FLASK_ENV", "NODE_ENV", "RAILS_ENV", "RACK_ENV", "APP_ENV",
            "APPLICATION_ENV", "APP_ENVIRONMENT", "ENVIRONMENT", "ENV", "STAGE", "APP_STAGE", "DEPLOY_ENV", "RUN_ENV",
            "PYTHON_ENV", "GO_ENV", "MIX_ENV", "SYMFONY_ENV", "DJANGO_ENV", "ASPNETCORE_ENVIRONMENT",
            "DOTNET_ENVIRONMENT");
    private static final Set<String> DEV_MODES = Set.of("dev", "development", "local");
    private static final Set<String> PROFILE_NAMES = Set.of("SPRING_PROFILES_ACTIVE", "SPRING_PROFILES_INCLUDE",
            "QUARKUS_PROFILE", "MICRONAUT_ENVIRONMENTS");
    private static final Set<String> DEV_TOKENS = Set.of("dev", "development");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]+");
    /** Names of variables that name a resource: a bare "dev" there is the development one. */
    private static final Pattern RESOURCE_NAME = Pattern.compile(
            ".*(NAME|DB|DATABASE|SCHEMA|HOST|URL|URI|DSN|BUCKET|QUEUE|TOPIC|INDEX|NAMESPACE|SETTINGS|CONFIG|FILE)");
    private static final Pattern SKIPPED_NAMES = Pattern.compile(
            "(.*_)?(DEPS|DEPENDENCIES|PACKAGES|PACKAGE|PKGS|PKG|LIBS|EXTENSIONS|VERSION)|.*PATH|PHPIZE_.*|APT_.*|APK_.*"
                    + "|(.*_)?(WITHOUT|EXCLUDE|EXCLUDES|EXCLUDED|SKIP|IGNORE|DISABLE|DISABLED)");

    /** Why a value is development configuration, and what to use instead (null: remove it). */
    record Verdict(String reason, String replacement, boolean modeVariable) {}

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            if (image.isDevelopmentImage() || image.runOnlyForDevelopment(context)) {
                continue;
            }
            for (ImageVariables.Entry entry : ImageVariables.of(image)) {
                if (entry.value() == null || !entry.effective() && entry.kind() == Variables.Kind.ENV) {
                    continue;
                }
                if (ignoredByFramework(image, entry.name())) {
                    continue; // deprecated-env says it has no effect
                }
                Optional<Verdict> verdict = judge(entry.name(), entry.value());
                if (verdict.isEmpty() || entry.kind() == Variables.Kind.ARG && !verdict.get().modeVariable()) {
                    continue;
                }
                report(context, image, entry, verdict.get());
            }
            devReleases(context, image);
            exampleEnvFiles(context, image);
        }
    }

    /**
     * A committed env template the image makes its application's .env ({@code COPY .env.example .env}): its mode and
     * debug variables are development values unless the image's ENV, every compose service that runs it, or a later
     * RUN that edits the file sets them otherwise (dotenv loaders leave variables the environment already has).
     */
    private void exampleEnvFiles(ReviewContext context, BuiltImage image) {
        java.util.Map<String, String> set = new java.util.HashMap<>();
        ImageVariables.of(image).stream().filter(e -> e.kind() == Variables.Kind.ENV && e.effective())
                .forEach(e -> set.put(e.name(), e.value()));
        for (ExampleEnvCopies copy : ExampleEnvCopies.of(image)) {
            if (ExampleEnvCopies.editedLater(image, copy.instruction())) {
                continue;
            }
            List<String> found = new java.util.ArrayList<>();
            for (var entry : EnvFiles.entries(context.project(), copy.template())) {
                Optional<Verdict> verdict = entry.value() == null ? Optional.empty() : judge(entry.key(), entry.value());
                boolean overridden = set.containsKey(entry.key()) || !image.containers().isEmpty()
                        && image.containers().stream().allMatch(c -> c.service() != null && c.service().environment()
                                .stream().anyMatch(v -> v.name().equals(entry.key())));
                if (verdict.isPresent() && !overridden && (verdict.get().modeVariable()
                        || entry.key().toUpperCase(Locale.ROOT).endsWith("DEBUG"))) {
                    found.add(entry.key() + "=" + entry.value() + " (line " + entry.span().startLine() + ")");
                }
            }
            if (found.isEmpty()) {
                continue;
            }
            context.finding(this, image.dockerfile(), copy.instruction().span(), "`" + copy.written() + "` makes the"
                            + " committed template " + copy.template() + " the application's .env in the image, with "
                            + String.join(", ", found) + ": every container of the image runs in that mode unless"
                            + " its environment sets these variables, as the loader only fills the ones not set")
                    .severity(Severity.HIGH)
                    .recommendation("Do not bake the template in: add .env to .dockerignore, drop the copy, and give"
                            + " the container its configuration at run time (compose environment or env_file, the"
                            + " platform's secrets), with production values such as APP_ENV=production and"
                            + " APP_DEBUG=false; or set those in the image with ENV.")
                    .add();
        }
    }

    /** phx.new's config/dev.exs settings that do harm in production, and what each does. */
    private static final List<String[]> DEV_EXS_SETTINGS = List.of(
            new String[] {"(?m)^[^#\\n]*\\bdebug_errors:\\s*true", "debug_errors: true (stack traces and code in error pages)"},
            new String[] {"(?m)^[^#\\n]*\\bcode_reloader:\\s*true", "code_reloader: true (it needs Mix, which a release leaves out)"},
            new String[] {"(?m)^[^#\\n]*\\bsecret_key_base:\\s*\"", "a secret_key_base written in the file (anyone with the"
                    + " repository can sign sessions)"},
            new String[] {"(?m)^[^#\\n]*\\bip:\\s*\\{\\s*127\\s*,\\s*0\\s*,\\s*0\\s*,\\s*1\\s*}",
                    "ip: {127, 0, 0, 1} (the endpoint listens on the container's loopback only)"});
    /** A mix.exs that makes `mix release` pick its environment itself (preferred_envs, preferred_cli_env). */
    private static final Pattern PREFERRED_ENV = Pattern.compile("preferred_(?:cli_)?envs?\\b[^\\]]*\\brelease:");

    /**
     * `mix release` run for the dev environment (MIX_ENV unset or dev) in a stage whose release the image keeps (the
     * stage is in the image, or the image copies the release from it), for a Mix project with a config/dev.exs.
     */
    private void devReleases(ReviewContext context, BuiltImage image) {
        List<String> devConfigs = image.containers().stream().flatMap(c -> c.manifests().stream())
                .filter(m -> m.kind() == ManifestKind.MIX_EXS).map(Manifest::file).distinct()
                .filter(mix -> context.project().source(mix).map(f -> !PREFERRED_ENV.matcher(f.text()).find())
                        .orElse(false))
                .map(mix -> PathNames.join(PathNames.parent(mix), "config/dev.exs"))
                .filter(dev -> context.project().source(dev).isPresent()).toList();
        if (devConfigs.size() != 1) {
            return; // no Mix project with a dev configuration, or several that the image may take either of
        }
        List<Stage> imageStages = image.imageStages();
        Set<Stage> reported = new java.util.HashSet<>();
        for (Stage stage : imageStages) {
            releaseKept(context, image, stage, null, devConfigs.get(0), reported);
            for (CopyCommand copy : stage.copies()) {
                if (copy.fromStage() >= 0 && copy.fromStage() < image.model().stages().size()
                        && copy.fromStage() != stage.index()) {
                    releaseKept(context, image, image.model().stages().get(copy.fromStage()), copy, devConfigs.get(0),
                            reported);
                }
            }
        }
    }

    private void releaseKept(ReviewContext context, BuiltImage image, Stage builder, CopyCommand copy, String devExs,
            Set<Stage> reported) {
        List<MixReleases.Assembly> releases = MixReleases.of(image.model(), builder);
        if (releases.isEmpty() || copy != null && copy.sources().stream().noneMatch(s -> MixReleases.isRelease(s, releases))
                || !reported.add(builder)) {
            return;
        }
        MixReleases.Assembly last = releases.get(releases.size() - 1);
        String env = last.environment();
        Variables.Definition set = last.definition();
        if (!"dev".equals(env) || set != null && image.imageStages().stream()
                .anyMatch(s -> s.index() == last.run().stage().index())) {
            return; // not dev, or the image's own ENV or ARG MIX_ENV=dev, which the check of the image's values reports
        }
        String text = context.project().source(devExs).map(SourceFile::text).orElse("");
        List<String> harms = DEV_EXS_SETTINGS.stream().filter(h -> Pattern.compile(h[0]).matcher(text).find())
                .map(h -> h[1]).toList();
        String how = set == null ? "with MIX_ENV unset, so Mix builds the dev environment"
                : "with " + set.kind() + " " + set.name() + "=" + set.value();
        context.finding(this, image.dockerfile(), last.call().span(), "`mix release` runs " + how + ": the release"
                        + (copy == null ? " the image runs" : " the image copies (line " + copy.instruction().startLine() + ")")
                        + " is configured by " + devExs + (harms.isEmpty() ? "" : ", which sets " + String.join(", ",
                                harms))
                        + "; runtime.exs sees config_env() == :dev (its `if config_env() == :prod` settings are left"
                        + " out) and the dependencies listed `only: :dev` are packed in")
                .severity(Severity.HIGH)
                .recommendation("Set ENV MIX_ENV=prod in the build stage before `mix deps.get` and `mix release`"
                        + " (as the Dockerfile of `mix phx.gen.release --docker` does), fetch dependencies with"
                        + " `mix deps.get --only prod`, and copy the release from _build/prod/rel/.")
                .add();
    }

    /** Whether the framework the project asks for no longer reads the variable (FLASK_ENV from Flask 2.3). */
    private static boolean ignoredByFramework(BuiltImage image, String name) {
        return DeprecatedEnv.TABLE.stream()
                .anyMatch(d -> d.variable().equals(name) && DeprecatedEnv.proof(image, d).isPresent());
    }

    private void report(ReviewContext context, BuiltImage image, ImageVariables.Entry entry, Verdict verdict) {
        boolean arg = entry.kind() == Variables.Kind.ARG;
        List<String> overrides = overrides(image, entry.name());
        String reader = verdict.modeVariable() ? debugReader(context, image, entry.name()) : null;
        StringBuilder message = new StringBuilder(arg ? "ARG " : "ENV ").append(entry.assignment()).append(' ')
                .append(reader == null ? verdict.reason() : verdict.reason().replaceFirst(" \\(.*\\)$", "") + ": "
                        + reader);
        if (arg) {
            message.append("; every RUN of the build sees it unless --build-arg sets another value");
        } else {
            message.append("; every container started from this image gets it by default");
            if (!overrides.isEmpty()) {
                message.append("; ").append(String.join("; ", overrides))
                        .append(", but docker run, other compose files and orchestrators use the image's value");
            }
        }
        String replacement = verdict.replacement();
        String[] compose = composeValue(image, entry.name());
        String composeValue = compose == null ? null : compose[0];
        if (!verdict.modeVariable() && composeValue != null && judge(entry.name(), composeValue).isEmpty()) {
            replacement = composeValue;
        }
        String keyword = arg ? "ARG " : "ENV ";
        String recommendation = (replacement == null
                ? "Remove " + keyword + entry.assignment() + " from the image"
                : "Use the production value in the image, " + keyword + entry.name() + "=" + replacement
                        + (replacement.equals(composeValue) ? " (the value " + compose[1] + " already uses)" : ""))
                + ", and set " + entry.name() + "=" + entry.value()
                + " only for development: a docker-compose.override.yml, an env file used in development, or a dev"
                + " stage built with --target.";
        context.finding(this, image.dockerfile(), entry.entry().span(), message.toString())
                .severity(arg ? Severity.HIGH : Severity.CRITICAL)
                .recommendation(recommendation)
                .fix(fix(image, entry, replacement))
                .add();
    }

    /** The production value written in place of the development one, or the entry removed when there is none. */
    private static Fix fix(BuiltImage image, ImageVariables.Entry entry, String replacement) {
        if (!(entry.instruction().arguments() instanceof KeyValueList list) && !(entry.instruction().arguments()
                instanceof ArgList)) {
            return null;
        }
        String keyword = entry.kind() == Variables.Kind.ARG ? "ARG " : "ENV ";
        if (replacement == null) {
            List<KeyValue> entries = entry.instruction().arguments() instanceof KeyValueList kv ? kv.entries()
                    : ((ArgList) entry.instruction().arguments()).entries();
            return Fix.of("remove " + keyword + entry.assignment() + " from the image", FixSafety.UNSAFE,
                    DockerfileEdits.removeEntry(entry.instruction(), entries, entry.entry()));
        }
        SourceFile file = entry.instruction().file();
        return DockerfileEdits.replaceValue(file, entry.entry(), entry.value(), replacement)
                .map(edit -> Fix.of("set " + keyword + entry.name() + "=" + replacement + " (production value)",
                        FixSafety.UNSAFE, edit))
                .orElse(null);
    }

    /**
     * "blog/settings.py line 8 reads it into Django's DEBUG ..." when a Python file of the build context sets
     * DEBUG from this variable; null when none does (or the variable is not a debug switch).
     */
    private static String debugReader(ReviewContext context, BuiltImage image, String name) {
        if (!name.toUpperCase(Locale.ROOT).endsWith("DEBUG") || image.container().build() == null) {
            return null;
        }
        Pattern assignment = Pattern.compile("^\\s*DEBUG\\s*(?::[^=]*)?=.*[\"']" + Pattern.quote(name) + "[\"']");
        String buildContext = image.container().build().context();
        for (ProjectEntry entry : context.project().layout().under(FileKind.SOURCE, buildContext)) {
            if (entry.type().language() != Language.PYTHON) {
                continue;
            }
            SourceFile file = context.project().source(entry.path()).orElse(null);
            if (file == null || !file.text().contains(name)) {
                continue;
            }
            for (int line = 1; line <= file.lineCount(); line++) {
                if (assignment.matcher(file.line(line)).find()) {
                    boolean django = file.text().contains("INSTALLED_APPS") || file.text().contains("ROOT_URLCONF");
                    return entry.path() + " line " + line + " reads it into " + (django ? "Django's " : "") + "DEBUG"
                            + (django ? ", so error pages show settings, SQL queries and stack traces to every"
                                    + " visitor" : "");
                }
            }
        }
        return null;
    }

    /** "docker-compose.yml overrides it for unify-app (SQLITE_DB_NAME=unify.db, line 20)" per service overriding it. */
    private static List<String> overrides(BuiltImage image, String name) {
        List<String> out = new ArrayList<>();
        for (ComposeEnvironment.Setting setting : ComposeEnvironment.of(image, name)) {
            out.add(setting.value().file().path() + " overrides it for " + setting.container().name() + " (" + name
                    + "=" + setting.value().value() + ", line " + setting.value().line() + ")");
        }
        return out;
    }

    /** The value a compose service gives the variable and the file that sets it, or null. */
    private static String[] composeValue(BuiltImage image, String name) {
        for (ComposeEnvironment.Setting setting : ComposeEnvironment.of(image, name)) {
            if (!setting.value().value().isEmpty()) {
                return new String[] {setting.value().value(), setting.value().file().path()};
            }
        }
        return null;
    }

    /** Whether {@code NAME=value} is development configuration, and why. */
    static Optional<Verdict> judge(String name, String value) {
        String upper = name.toUpperCase(Locale.ROOT);
        String v = value.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        String last = upper.contains("_") ? upper.substring(upper.lastIndexOf('_') + 1) : upper;
        if (upper.equals("WERKZEUG_DEBUG_PIN")) {
            return lower.equals("off")
                    ? Optional.of(new Verdict("turns off the PIN of Werkzeug's debugger (anyone who reaches an error"
                            + " page can run Python code in the container)", null, true))
                    : Optional.empty();
        }
        if (upper.equals("PYTHONDEVMODE")) {
            return lower.equals("0") ? Optional.empty()
                    : Optional.of(new Verdict("runs Python in development mode (debug hooks, extra checks, all"
                            + " warnings shown)", null, true));
        }
        if (upper.equals("NODE_OPTIONS")) {
            return lower.contains("--inspect")
                    ? Optional.of(new Verdict("opens the Node.js inspector (whoever reaches its port can run code in"
                            + " the process)", null, true))
                    : Optional.empty();
        }
        if (upper.equals("JAVA_TOOL_OPTIONS") || upper.equals("JAVA_OPTS") || upper.equals("JDK_JAVA_OPTIONS")) {
            return lower.contains("jdwp")
                    ? Optional.of(new Verdict("starts the JVM with a remote debugger agent (jdwp)", null, true))
                    : Optional.empty();
        }
        if (upper.equals("GIN_MODE")) {
            return lower.equals("debug")
                    ? Optional.of(new Verdict("runs Gin in debug mode", "release", true)) : Optional.empty();
        }
        if (last.equals("DEBUG") && !upper.equals("PYTHONDEBUG")) {
            return SwitchValues.on(lower)
                    ? Optional.of(new Verdict("turns on debug mode" + debugEffect(upper), falseLike(v), true))
                    : Optional.empty();
        }
        if (PROFILE_NAMES.contains(upper)) {
            List<String> profiles = List.of(lower.split("\\s*,\\s*"));
            for (String profile : profiles) {
                if (DEV_MODES.contains(profile)) {
                    return Optional.of(new Verdict("activates the development profile \"" + profile + "\"",
                            replaceTokens(v, true), true));
                }
            }
            return Optional.empty();
        }
        if (MODE_NAMES.contains(upper) || last.equals("ENV") || last.equals("ENVIRONMENT") || last.equals("MODE")) {
            return DEV_MODES.contains(lower)
                    ? Optional.of(new Verdict("selects the development mode" + modeEffect(upper),
                            upper.equals("FLASK_ENV") ? null : productionMode(v), true))
                    : Optional.empty();
        }
        return generic(upper, v);
    }

    /** A development word in a value that is not a mode variable: a database name, settings module, URL. */
    private static Optional<Verdict> generic(String upper, String value) {
        if (SKIPPED_NAMES.matcher(upper).matches() || value.chars().anyMatch(Character::isWhitespace)
                || value.equals("/dev") || value.startsWith("/dev/")) {
            return Optional.empty();
        }
        String part = value.endsWith("/") ? "" : value.substring(value.lastIndexOf('/') + 1);
        if (DEV_LIBRARY.matcher(part).matches()) {
            return Optional.empty();
        }
        if (DEV_TOKENS.contains(part.toLowerCase(Locale.ROOT)) && !RESOURCE_NAME.matcher(upper).matches()) {
            return Optional.empty(); // RELEASE_TYPE=dev: only the name could say what the bare word selects
        }
        Matcher m = TOKEN.matcher(part);
        while (m.find()) {
            String token = m.group().toLowerCase(Locale.ROOT);
            if (DEV_TOKENS.contains(token)) {
                return Optional.of(new Verdict("names a development resource (\"" + m.group() + "\" in " + part + ")",
                        withoutDevelopmentWord(value), false));
            }
        }
        return Optional.empty();
    }

    private static String debugEffect(String name) {
        return switch (name) {
            case "FLASK_DEBUG" -> " (Flask serves the Werkzeug debugger, which runs code typed into an error page)";
            case "DJANGO_DEBUG", "DEBUG" -> " (frameworks such as Django show settings and stack traces on error pages)";
            case "APP_DEBUG" -> " (Laravel and Symfony show stack traces and environment values on error pages)";
            default -> "";
        };
    }

    private static String modeEffect(String name) {
        return switch (name) {
            case "FLASK_ENV" -> " (Flask before 2.3 turns on the debugger with it)";
            case "NODE_ENV" -> " (Express and most libraries skip caching and show stack traces; npm installs"
                    + " devDependencies)";
            case "RAILS_ENV", "RACK_ENV" -> " (code reloading, full error pages and development settings)";
            case "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" -> " (the developer exception page and user secrets)";
            default -> "";
        };
    }

    private static String productionMode(String value) {
        return switch (value) {
            case "dev" -> "prod";
            case "Development" -> "Production";
            case "DEVELOPMENT" -> "PRODUCTION";
            default -> "production";
        };
    }

    private static String falseLike(String value) {
        return switch (value) {
            case "1" -> "0";
            case "true" -> "false";
            case "True" -> "False";
            case "TRUE" -> "FALSE";
            case "yes" -> "no";
            case "on" -> "off";
            default -> "0";
        };
    }

    /**
     * The value with its development word dropped from the last path part, with one separator next to it:
     * unify_dev.db -> unify.db, config.development.yml -> config.yml, app-dev -> app. When nothing would be
     * left of the name (dev.db), the word becomes prod/production instead.
     */
    static String withoutDevelopmentWord(String value) {
        int partStart = value.endsWith("/") ? value.length() : value.lastIndexOf('/') + 1;
        String part = value.substring(partStart);
        Matcher m = TOKEN.matcher(part);
        while (m.find()) {
            if (!DEV_TOKENS.contains(m.group().toLowerCase(Locale.ROOT))) {
                continue;
            }
            int start = m.start();
            int end = m.end();
            if (start > 0 && "_.-".indexOf(part.charAt(start - 1)) >= 0 && (start - 1 > 0)) {
                start--;
            } else if (end < part.length() && "_-".indexOf(part.charAt(end)) >= 0) {
                end++;
            } else {
                break;
            }
            String dropped = part.substring(0, start) + part.substring(end);
            if (!TOKEN.matcher(dropped.replaceAll("\\.[A-Za-z0-9]+$", "")).find()) {
                break;
            }
            return value.substring(0, partStart) + dropped;
        }
        return replaceTokens(value, false);
    }

    /** unify_dev.db -> unify_prod.db; config.development.yml -> config.production.yml. */
    private static String replaceTokens(String value, boolean local) {
        Matcher m = TOKEN.matcher(value);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (m.find()) {
            String token = m.group();
            String lower = token.toLowerCase(Locale.ROOT);
            String replacement = switch (lower) {
                case "dev" -> sameCase(token, "prod");
                case "local" -> local ? sameCase(token, "prod") : null;
                case "development" -> sameCase(token, "production");
                default -> null;
            };
            if (replacement != null) {
                out.append(value, at, m.start()).append(replacement);
                at = m.end();
            }
        }
        return out.append(value.substring(at)).toString();
    }

    private static String sameCase(String model, String word) {
        if (model.equals(model.toUpperCase(Locale.ROOT))) {
            return word.toUpperCase(Locale.ROOT);
        }
        if (Character.isUpperCase(model.charAt(0))) {
            return Character.toUpperCase(word.charAt(0)) + word.substring(1);
        }
        return word;
    }
}
