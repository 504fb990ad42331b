package dev.drydock.core.rules.context;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.compose.VariableReference;
import dev.drydock.core.compose.template.Substitution;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.app.AppSource;
import dev.drydock.core.app.Framework;
import dev.drydock.core.project.Container;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.DeploymentOverrides;
import dev.drydock.core.rules.support.DjangoContainers;
import dev.drydock.core.rules.support.EnvFiles;
import dev.drydock.core.rules.support.SecretNames;
import dev.drydock.core.rules.support.SecretNames.ValueMatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "default-secret",
        title = "A secret falls back to a default written in the compose file or the Django or Flask settings",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "Compose interpolations of secret-named variables (SECRET_KEY, *_PASSWORD, *_TOKEN, API_KEY ...) with a"
                + " non-empty literal default, `${SECRET_KEY:-change-me}` or `${SECRET_KEY-change-me}`. An empty default"
                + " (`${DB_PASSWORD:-}`) is not reported: it publishes no value and usually marks a setting the"
                + " application only needs in some configurations; a default that is itself a variable is not"
                + " reported either. Defaults in development files (compose.override.yml, *.dev.yml) are medium, and their"
                + " fix is only suggested, since a development stack that starts without a .env is a choice; so is a"
                + " default in a service's environment in a base file that every variant file meant for deployment"
                + " replaces (`docker compose -f compose.yaml -f compose.prod.yaml`, the later file's value of a variable"
                + " winning when Compose merges them), which only development stacks take: low, its message naming"
                + " the replacing lines. A default"
                + " that has the form of an issued credential (a GitHub, Slack or Telegram bot token, an AWS key ...) is"
                + " critical, whatever the variable's name. Messages show the default masked unless it is a"
                + " placeholder (change-me, <password>). The same default of the same variable written in several"
                + " places of a compose project (`${ADMIN_PASSWORD:-admin}` for two services) is one finding, at the"
                + " first, naming the services and lines, and its fix makes each of them required. Also an encryption key left empty where the application then"
                + " silently stores data unencrypted: Airflow's AIRFLOW__CORE__FERNET_KEY given as '' (or with an empty"
                + " default, `${FERNET_KEY:-}`) in a service's environment, as in Airflow's own example compose file,"
                + " unless the service sets AIRFLOW__CORE__FERNET_KEY_CMD or _SECRET. Other framework keys are not"
                + " reported empty, since their applications refuse to start without them (Laravel's APP_KEY, Rails'"
                + " SECRET_KEY_BASE, Django's SECRET_KEY, NextAuth's NEXTAUTH_SECRET in production). Also Django's"
                + " SECRET_KEY read from the environment with a literal default (`os.environ.get(\"DJANGO_SECRET_KEY\","
                + " \"...\")`, `os.getenv`, `os.environ.get(...) or \"...\"`, django-environ's `env(..., default=...)`, decouple's `config(...,"
                + " default=...)`) where that write has the last word in the settings module a deployed container"
                + " loads (followed through its star imports): high when nothing in the container's environment (the"
                + " image's ENV, the compose environment, its readable env files) sets the variable, medium when"
                + " something does; settings modules only development compose files or dev containers load are left"
                + " out. The same for the SECRET_KEY of the Flask application the image runs, read with a literal"
                + " default (`os.environ.get(\"SECRET_KEY\", \"dev\")`, `os.getenv(\"SECRET_KEY\") or \"dev\"`) in"
                + " `app.secret_key = ...`, `app.config[\"SECRET_KEY\"] = ...`, `app.config.update(SECRET_KEY=...)` or a"
                + " config class or module the application loads (`from_object`, `from_pyfile`), that statement having"
                + " the last word as hardcoded-secret describes, with the same environment check. Also the key an"
                + " application image falls back to in its own source, for a compose service that publishes a port:"
                + " Paperless-ngx (ghcr.io/paperless-ngx/paperless-ngx, paperlessngx/paperless-ngx) when nothing in the"
                + " service's environment or env files sets PAPERLESS_SECRET_KEY (its settings.py then uses a key"
                + " written in it; an empty value makes Django refuse to start and is not reported), and Grafana"
                + " (grafana/grafana, -oss, -enterprise) when GF_SECURITY_SECRET_KEY is unset or empty (.env sets it"
                + " to nothing, an empty default is taken), since Grafana ignores an empty GF_ variable and keeps"
                + " the secret_key of its defaults.ini. A _FILE (Grafana: __FILE) variant, a `- NAME` entry taken"
                + " from the shell, an env file the project does not hold and an entrypoint of the service's own"
                + " leave it unreported; medium in a development file, as the defaults above.",
        problem = "When the variable is missing or empty (a new machine, a .env copied from the example without being"
                + " filled in, a typo), Compose silently uses the default: a secret that everyone who can read the"
                + " repository knows.",
        impact = "Sessions, tokens or database access protected by a published value: anyone can forge session"
                + " cookies or log in, and nothing fails to tell the operator.",
        recommendation = "Make the variable required with `${NAME:?message}` so that `docker compose up` refuses to"
                + " start without it, and keep the real value in .env or a secret store.",
        references = {
                "https://docs.docker.com/reference/compose-file/interpolation/",
                "https://docs.docker.com/reference/compose-file/merge/",
                "https://docs.docker.com/compose/how-tos/use-secrets/",
                "https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY",
                "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html"},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(
                file = "compose.yaml",
                bad = """
                        services:
                          db:
                            image: postgres:17.2
                            environment:
                              POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-postgres}
                        """,
                good = """
                        services:
                          db:
                            image: postgres:17.2
                            environment:
                              POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}
                        """))
public final class DefaultSecret implements Rule {

    @Override
    public void check(ReviewContext context) {
        // compose.yaml belongs to every compose project (with its override, with compose.prod.yaml ...): each
        // default it writes is one finding, in the first project that holds it
        Set<Location> reported = new HashSet<>();
        List<EmptyKey> empty = new ArrayList<>();
        Set<Object> reportedServices = new HashSet<>();
        for (ComposeProject compose : context.project().composeProjects()) {
            // the same fallback of the same variable written for several services is one secret: one finding
            Map<String, List<VariableReference>> sameFallback = new LinkedHashMap<>();
            for (VariableReference ref : compose.variableReferences()) {
                String fallback = ref.defaultText();
                if (!ref.hasDefault() || fallback == null || fallback.isBlank() || fallback.contains("$")
                        || !SecretNames.isSecretName(ref.name())
                                && SecretNames.credentialIn(fallback).filter(ValueMatch::issued).isEmpty()
                        || !reported.add(location(ref))) {
                    // a reference already grouped: reported before, or the same text merged into several
                    // services through a YAML anchor (`<<: *env`), which stays one place to fix
                    continue;
                }
                sameFallback.computeIfAbsent(ref.name() + ref.substitution().operator().symbol() + fallback,
                        k -> new ArrayList<>()).add(ref);
            }
            for (List<VariableReference> group : sameFallback.values()) {
                report(context, compose, group);
            }
            for (Service service : compose.services().values()) {
                for (Service.EnvVar env : service.environment()) {
                    emptyKey(service, env).ifPresent(empty::add);
                }
                if (reportedServices.add(service.node())) {
                    BuiltInSecretKey.of(context.project(), compose, service).ifPresent(use -> reportBuiltIn(context, use));
                }
            }
        }
        for (List<EmptyKey> shared : ComposeServices.byLocation(empty, EmptyKey::location)) {
            reportEmpty(context, shared.get(0), shared.stream().map(k -> k.service().name()).distinct().toList());
        }
        settingsFallbacks(context, Framework.DJANGO);
        settingsFallbacks(context, Framework.FLASK);
    }

    /**
     * The SECRET_KEY of the Django settings module or of the Flask application's configuration a deployed container
     * loads, read from the environment with a literal default ({@code os.environ.get("DJANGO_SECRET_KEY", "...")},
     * {@code env("DJANGO_SECRET_KEY", default="...")}, {@code os.getenv("SECRET_KEY") or "dev"}) where it has the last
     * word: high when nothing in the container's environment sets the variable (the image then runs with the committed
     * key), medium when something does (only a deployment that loses the variable falls back).
     */
    private void settingsFallbacks(ReviewContext context, Framework framework) {
        boolean django = framework == Framework.DJANGO;
        for (DjangoContainers.SecretKeyUse use : DjangoContainers.secretKeys(context, framework, true)) {
            AppSource.SecretKey key = use.key();
            List<String> unset = use.containers().stream()
                    .filter(c -> !DjangoContainers.environmentMaySet(context, c, key.variable())).map(Container::name)
                    .toList();
            String who = use.who();
            String value = key.value();
            Location location = use.location();
            String insecure = django && value.startsWith("django-insecure-") ? " (startproject's `django-insecure-`"
                    + " development key, which `manage.py check --deploy` reports as insecure)" : "";
            String signed = django ? "sessions, password reset links and messages" : "the session cookie";
            context.finding(this, location, (django ? "`SECRET_KEY` in " + key.file()
                                    : "The Flask secret key at line " + key.line() + " of " + key.file())
                            + " falls back to the literal " + SecretNames.redact(value) + insecure + " when `"
                            + key.variable() + "` is not set"
                            + (unset.isEmpty()
                                    ? ": the environment of " + who + " sets it, but a deployment that loses the variable"
                                            + " starts without complaint and signs " + signed + " with a key everyone"
                                            + " with the repository has"
                                    : ", and nothing in the environment of " + String.join(", ", unset) + " (the"
                                            + " image's ENV, the compose environment, its env files) sets it: "
                                            + (django ? "Django" : "Flask") + " signs " + signed + " with a key"
                                            + " everyone with the repository has, who can then forge sessions"))
                    .severity(unset.isEmpty() ? Severity.MEDIUM : Severity.HIGH)
                    .current(SecretNames.redactIn(context.excerpt(location), value))
                    .recommendation("Drop the default: " + (django ? "write `SECRET_KEY = os.environ[\"" + key.variable()
                                    + "\"]` (or `env(\"" + key.variable() + "\")` without default)"
                                    : "read `os.environ[\"" + key.variable() + "\"]`") + " at line " + key.line()
                            + " of " + key.file() + ", so that " + (django ? "Django" : "the application")
                            + " refuses to start without the variable; give `" + key.variable() + "` to the container"
                            + " from a git-ignored .env or a secret store (a development "
                            + (django ? "settings module" : "config class") + " may keep a default of its own).")
                    .add();
        }
    }

    private static Location location(VariableReference ref) {
        return new Location(ref.file().path(), ref.span());
    }

    /** Airflow's Fernet key: empty, Airflow stores connection passwords and variables in clear text. */
    private static final String FERNET_KEY = "AIRFLOW__CORE__FERNET_KEY";

    /** An encryption key a service is given empty, where it is written. */
    private record EmptyKey(Service service, String name, String fallbackOf, Location location) {}

    private static Optional<EmptyKey> emptyKey(Service service, Service.EnvVar env) {
        if (!env.name().equals(FERNET_KEY) || env.value() == null || !(env.value().node() instanceof ScalarNode scalar)
                || service.environment().stream().anyMatch(e -> e.name().equals(FERNET_KEY + "_CMD")
                        || e.name().equals(FERNET_KEY + "_SECRET"))) {
            return Optional.empty();
        }
        String raw = scalar.raw();
        int valueStart = env.listForm() ? raw.indexOf('=') + 1 : 0;
        if (env.listForm() && valueStart == 0) {
            return Optional.empty();
        }
        String written = SecretNames.unquoteValue(raw.substring(valueStart).strip());
        boolean empty = written.isEmpty() && scalar.substitutions().isEmpty();
        boolean emptyDefault = scalar.substitutions().size() == 1 && scalar.substitutions().stream().allMatch(sub ->
                sub.operator().isDefault() && sub.argument() != null && sub.argument().isEmpty() && !sub.nested()
                        && written.equals("${" + sub.name() + sub.operator().symbol() + "}"));
        if (!empty && !emptyDefault) {
            return Optional.empty();
        }
        Location location = env.listForm() ? ComposeServices.location(scalar) : ComposeServices.keyed(env.value());
        String fallbackOf = emptyDefault ? scalar.substitutions().get(0).name() : null;
        return Optional.of(new EmptyKey(service, env.name(), fallbackOf, location));
    }

    private void reportEmpty(ReviewContext context, EmptyKey key, List<String> services) {
        context.finding(this, key.location(), "`" + key.name() + "` of " + (services.size() == 1 ? "service " : "services ")
                        + ComposeServices.names(services) + (key.fallbackOf() == null ? " is empty"
                                : " falls back to an empty value when " + key.fallbackOf() + " is not set") + ": Airflow then only logs \"empty cryptography key"
                        + " - values will not be stored encrypted\" and keeps the passwords of its connections and its"
                        + " variables in clear text in the metadata database, where anyone with the database or a backup"
                        + " of it reads them")
                .recommendation("Generate a key once per environment (`python -c 'from cryptography.fernet import"
                        + " Fernet; print(Fernet.generate_key().decode())'`), keep it in a git-ignored .env or a secret"
                        + " store, and write `" + key.name() + ": ${" + key.name() + ":?set " + key.name()
                        + " in .env}`; connections and variables saved while the key was empty stay unencrypted until"
                        + " they are saved again.")
                .add();
    }

    /** An image that falls back to the key of its own source, reachable on a published port. */
    private void reportBuiltIn(ReviewContext context, BuiltInSecretKey.Use use) {
        BuiltInSecretKey key = use.key();
        Service service = use.service();
        Location location = use.entry() != null && use.entry().value() != null
                ? (use.entry().listForm() ? ComposeServices.location(use.entry().value().node())
                        : ComposeServices.keyed(use.entry().value()))
                : ComposeServices.keyed(service.image());
        boolean development = ComposeServices.isDevelopmentFile(context, service.nameKey().file().path());
        context.finding(this, location, "Service " + service.name() + " (" + use.image() + ") publishes port "
                        + String.join(", ", use.ports()) + " and " + use.why() + ": " + key.application()
                        + " then uses the key built into " + key.source() + ", " + SecretNames.redact(key.builtIn())
                        + ", which everyone who reads its source knows; " + key.protects())
                .severity(development ? Severity.MEDIUM : Severity.HIGH)
                .recommendation("Generate a key once per deployment (`openssl rand -hex 32`), keep it in a"
                        + " git-ignored .env or a secret store, and write `" + key.variable() + ": "
                        + requiredExpression(key.variable()) + "` in " + service.name() + "'s environment so that"
                        + " `docker compose up` stops when it is missing or empty.")
                .add();
    }

    private void report(ReviewContext context, ComposeProject compose, List<VariableReference> group) {
        VariableReference ref = group.get(0);
        String fallback = ref.defaultText();
        String name = ref.name();
        String file = ref.file().path();
        ValueMatch credential = SecretNames.credentialIn(fallback).filter(ValueMatch::issued).orElse(null);
        String shown = credential != null ? credential.kind() + " (" + credential.redacted(fallback) + ")"
                : "the literal `" + (SecretNames.isPlaceholder(fallback) ? fallback : SecretNames.redact(fallback)) + "`";
        StringBuilder message = new StringBuilder("`").append(name).append("` falls back to ").append(shown)
                .append(" when the variable is ")
                .append(ref.substitution().operator() == Substitution.Operator.DEFAULT_IF_UNSET ? "not set" : "not set or empty")
                .append(group.size() > 1 ? ", in " + places(compose, group) : "");
        List<DeploymentOverrides.Override> replaced = replacedInDeployment(context, compose, group);
        if (replaced.isEmpty()) {
            message.append(": a stack started without it runs with a secret anyone who reads ").append(file)
                    .append(" knows, and nothing fails to say so");
        } else {
            message.append(", but only where ").append(file).append(" is used without ").append(variantFiles(replaced))
                    .append(" (development): ").append(replacements(replaced)).append(", as Compose lets the later file's"
                            + " value of an environment variable win, so a deployment started with it never takes this"
                            + " default");
        }
        emptyInTemplate(context.project(), compose, name).ifPresent(template -> message.append(". ").append(template)
                .append(" leaves ").append(name).append(" empty, so a .env copied from it without filling it in gets this default"));
        if (ref.usedDefault()) {
            message.append("; nothing in the project sets ").append(name).append(" now");
        }
        message.append('.');
        String required = requiredExpression(name);
        String recommendation = (credential != null ? "Revoke this credential now (it is in the repository's"
                + " history) and issue a new one. " : "") + "Write `" + required + "` instead, so that `docker compose up` stops with that"
                + " message when it is missing or empty; generate the value per environment (e.g."
                + " `python -c 'import secrets; print(secrets.token_hex(32))'`) and keep it in .env or a secret store.";
        if (!replaced.isEmpty()) {
            recommendation = (credential != null ? "Revoke this credential now (it is in the repository's history)"
                    + " and issue a new one. " : "") + "The default only spares development a .env; if development should ask for the value too,"
                    + " write `" + required + "` in " + file + "." + unguarded(replaced, name, required);
        }
        Location location = location(ref);
        boolean development = group.stream().allMatch(r -> ComposeServices.isDevelopmentFile(context, r.file().path()))
                || !replaced.isEmpty();
        var finding = context.finding(this, location, message.toString())
                .severity(credential != null ? Severity.CRITICAL : !replaced.isEmpty() ? Severity.LOW
                        : development ? Severity.MEDIUM : Severity.HIGH)
                .current(credential == null && SecretNames.isPlaceholder(fallback) ? context.excerpt(location)
                        : SecretNames.redactIn(context.excerpt(location), credential != null ? credential.secret(fallback) : fallback))
                .recommendation(recommendation)
                .otherPlaces(group.stream().skip(1).map(r -> new Location(r.file().path(), r.span())).toList());
        if (group.stream().allMatch(DefaultSecret::isExpression)) {
            FixSafety safety = development && credential == null ? FixSafety.SUGGESTION : FixSafety.UNSAFE;
            finding.fix(Fix.of("make " + name + " required", safety, group.stream()
                    .map(r -> SourceEdits.replace(r.file(), r.span(), required)).toList()));
        }
        finding.add();
    }

    /**
     * When each reference is a service's environment entry in a base file that every deployment variant of it
     * replaces ({@link DeploymentOverrides}): the replacing entries; else empty.
     */
    private static List<DeploymentOverrides.Override> replacedInDeployment(ReviewContext context, ComposeProject compose,
            List<VariableReference> group) {
        List<DeploymentOverrides.Override> out = new ArrayList<>();
        for (VariableReference ref : group) {
            Optional<DeploymentOverrides.Entry> entry = DeploymentOverrides.entryOf(compose, ref.node());
            List<DeploymentOverrides.Override> replacing = entry.isEmpty() ? List.of() : DeploymentOverrides.replacing(
                    context, ref.file().path(), entry.get().service().name(), entry.get().env().name());
            if (replacing.isEmpty()) {
                return List.of();
            }
            out.addAll(replacing);
        }
        return out;
    }

    /** The variant files of the replacing entries: "compose.prod.yaml" or "compose.prod.yaml or compose.staging.yaml". */
    private static String variantFiles(List<DeploymentOverrides.Override> replaced) {
        return String.join(" or ", replaced.stream().map(o -> o.variant().variantFile()).distinct().toList());
    }

    /** What each replacing entry writes, and where: "compose.prod.yaml:9 writes `JWT_SECRET: ${JWT_SECRET}`". */
    private static String replacements(List<DeploymentOverrides.Override> replaced) {
        List<String> each = new ArrayList<>();
        for (DeploymentOverrides.Override o : replaced) {
            String written = "`" + o.entry().node().file().line(o.entry().node().line()).strip().replaceFirst("^-\\s*", "")
                    + "`";
            String place = o.file() + ":" + o.entry().node().line();
            if (!each.contains(place + " writes " + written)) {
                each.add(place + " writes " + written);
            }
        }
        return String.join(", ", each);
    }

    /**
     * Advice for the replacing entries that let the variable be missing: Compose then gives the service an empty
     * value with only a warning ("The "X" variable is not set. Defaulting to a blank string.").
     */
    private static String unguarded(List<DeploymentOverrides.Override> replaced, String name, String required) {
        List<String> files = replaced.stream().filter(o -> isPlain(o.entry())).map(DeploymentOverrides.Override::file)
                .distinct().toList();
        return files.isEmpty() ? "" : " In " + String.join(" and ", files) + ", a missing " + name + " gives the service"
                + " an empty value with only a warning: write `" + required + "` there as well, so that a deployment"
                + " without it stops.";
    }

    /** Whether the entry's value only interpolates variables, without default or error ({@code ${X}}). */
    private static boolean isPlain(Service.EnvVar entry) {
        return entry.value() != null && entry.value().node() instanceof ScalarNode scalar && !scalar.substitutions().isEmpty()
                && scalar.substitutions().stream().allMatch(s -> s.operator() == Substitution.Operator.NONE);
    }

    /** Where each reference is written, by service when it is a service's environment or build arg: "grafana (line 95)". */
    private static String places(ComposeProject compose, List<VariableReference> group) {
        String firstFile = group.get(0).file().path();
        List<String> places = new ArrayList<>();
        for (VariableReference r : group) {
            String line = (r.file().path().equals(firstFile) ? "line " : r.file().path() + " line ")
                    + r.span().startLine();
            String service = owner(compose, r);
            places.add(service == null ? line : service + " (" + line + ")");
        }
        return String.join(", ", places.subList(0, places.size() - 1)) + " and " + places.get(places.size() - 1)
                + " of " + firstFile;
    }

    /** The service whose environment or build args hold the reference's scalar, null when none does. */
    private static String owner(ComposeProject compose, VariableReference ref) {
        for (Service service : compose.services().values()) {
            boolean holds = service.environment().stream().anyMatch(e -> e.value() != null && e.value().node() == ref.node())
                    || service.build() != null && service.build().args().stream()
                            .anyMatch(a -> a.value() != null && a.value().node() == ref.node());
            if (holds) {
                return service.name();
            }
        }
        return null;
    }

    /**
     * {@code ${NAME:?message}}: empty counts as missing too, since an empty secret protects nothing. The
     * message has no quote, colon, hash, comma or brace, so it fits plain, quoted and flow YAML scalars as is.
     */
    private static String requiredExpression(String name) {
        return "${" + name + ":?set " + name + " in .env}";
    }

    /** Whether the reference's span is exactly the written expression (not the whole scalar, as for escaped text). */
    private static boolean isExpression(VariableReference ref) {
        Substitution sub = ref.substitution();
        String written = ref.file().text(ref.span());
        return !sub.nested() && written.equals("${" + sub.name() + sub.operator().symbol() + sub.argument() + "}");
    }

    /** The env template beside the compose project ({@code .env.example}) when it declares the variable empty. */
    private static Optional<String> emptyInTemplate(Project project, ComposeProject compose, String name) {
        String dir = ComposeServices.projectPath(project, compose.projectDir());
        return dir == null ? Optional.empty() : EnvFiles.templateLeavingEmpty(project, dir, name);
    }
}
