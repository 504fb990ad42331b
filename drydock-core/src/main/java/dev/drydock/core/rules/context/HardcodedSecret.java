package dev.drydock.core.rules.context;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.compose.template.Substitution;
import dev.drydock.core.kubernetes.KubeConfigMap;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeEnvVar;
import dev.drydock.core.kubernetes.KubeSecret;
import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.discovery.SkipRule;
import dev.drydock.core.dockerfile.syntax.ArgList;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.KeyValue;
import dev.drydock.core.dockerfile.syntax.KeyValueList;
import dev.drydock.core.dotenv.DotEnvEntry;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.app.Framework;
import dev.drydock.core.app.AppSource;
import dev.drydock.core.rules.support.SymfonyDotenv;
import dev.drydock.core.rules.support.AppSettingsSecrets;
import dev.drydock.core.rules.support.DjangoContainers;
import dev.drydock.core.rules.support.BuildContexts;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.CommandLineSecrets;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.EnvFiles;
import dev.drydock.core.rules.support.JvmConfigSecrets;
import dev.drydock.core.rules.support.SecretNames;
import dev.drydock.core.rules.support.SecretNames.ValueMatch;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "hardcoded-secret",
        title = "A secret is written into a Dockerfile, compose file, or committed env or settings file",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "Literal values (not interpolated, not empty, not a boolean, not a reference such as /run/secrets/...)"
                + " of secret-named variables (SECRET_KEY, *_PASSWORD, *_TOKEN, API_KEY, PRIVATE_KEY ..., and the Erlang"
                + " distribution cookie: Elixir releases' RELEASE_COOKIE, *_ERLANG_COOKIE, *_CLUSTER_COOKIE, which lets"
                + " whoever holds it connect to the node and run code on it) in compose"
                + " environment (list and map syntax) and build args, the env entries with a literal value of the"
                + " containers of Kubernetes manifests (high: a Secret referenced with valueFrom.secretKeyRef keeps the"
                + " value out of the repository and out of the workload's spec; a value built with $(OTHER_VARIABLE)"
                + " is not reported), the data of Kubernetes ConfigMaps (a ConfigMap keeps its data in plain text; a pod"
                + " reads it through envFrom or configMapKeyRef as it reads a literal env value), the values of"
                + " Kubernetes Secrets written into a manifest, plain text under stringData and base64 under data alike"
                + " (base64 is an encoding, not an encryption; a SOPS-encrypted Secret is not read, and a value with"
                + " ${VARIABLE} in it, filled in by envsubst or Flux at deploy time, is not reported in a Secret or a"
                + " ConfigMap), Dockerfile ENV and"
                + " ARG, and .env files that are"
                + " not git-ignored in a git project (a Symfony application's .env, the defaults file it commits"
                + " and needs, is told to leave the value empty and keep it in .env.local or the secrets vault);"
                + " and, whatever the name, values that have the form of an issued"
                + " credential (AWS access key ids, private key blocks, GitHub/GitLab/Slack/Stripe/Google/npm/OpenAI/Telegram"
                + " tokens, JSON Web Tokens) or a password inside a URL, also in RUN and ADD lines; on a compose"
                + " service's command or entrypoint, the literal value of an option named like a secret (--requirepass,"
                + " --basic_auth, --password) and a password inside a URL. Variables that say where the secret is"
                + " rather than hold it are not named secrets: *_FILE (POSTGRES_PASSWORD_FILE, a path) and Airflow's"
                + " AIRFLOW__SECTION__OPTION_CMD (a command that prints the value) and _SECRET (a key in the secrets"
                + " backend) for its sensitive options; a password in a URL written into them is still reported."
                + " Issued credentials"
                + " are critical; named secrets in development compose files are medium. A compose value that is a"
                + " placeholder to replace (REPLACE_WITH_..., change-me, your-password, a mask such as ******** or xxxxxxxx, the secret's name in capitals such as STRONG_DB_PASSWORD) is named as such; one that"
                + " compose reads from the project's .env (`${SECRET_KEY?}`, or `- SECRET_KEY` passed through without a"
                + " value) is reported at that .env line when it is a placeholder or a widely known default password"
                + " and drydock sees no git repository (in one, the .env file is reported when it is not git-ignored); likewise, without a git"
                + " repository, a secret-named entry of a file services read through env_file is reported when it is a"
                + " placeholder or a widely known default password (postgres, admin, secret), not when it is a value of"
                + " its own, also when that file is the .env compose interpolates from (an entry compose interpolates"
                + " is reported once, where it is used). A Dockerfile ARG named like a"
                + " secret is reported even without a value (medium: the --build-arg value is recorded in the image"
                + " history), and an ENV named like a secret that takes its value from a variable (high: the value is"
                + " stored in the image configuration; medium in a builder stage the final image is not built on,"
                + " where it stays in that stage's build cache and the environment of its RUNs). An ENV that reads"
                + " only variables no ARG or ENV defines (ENV TOKEN=${TOKEN} without ARG TOKEN) stores an empty"
                + " string: undefined-var reports it. A URL whose user or password is a placeholder word or a widely known"
                + " default (postgresql://placeholder:placeholder@localhost/db, postgres:postgres), or a secret-named"
                + " value that is a placeholder (placeholder_overwritten_at_runtime), a widely known default (secret) or"
                + " a hexspeak dummy (CAFEBABE), set by ENV or ARG in a builder stage is a stand-in for a build"
                + " tool (prisma generate, next build's checks), not a secret, and is not reported; in the final image"
                + " such a placeholder is reported as the value every container gets. ASP.NET Core's appsettings*.json files that are committed (not"
                + " git-ignored in a git project) or copied into an image are read too: a password in a connection"
                + " string, an issued credential, or the literal value of a secret-named key (ClientSecret, ApiKey ...),"
                + " reported at the secret itself; empty values and placeholders are not, and appsettings.Development.json"
                + " is medium. The Spring Boot, Quarkus and Micronaut configuration files (application*.properties,"
                + " application*.yml, bootstrap*.yml) under src/main/resources of a Maven or Gradle module in the build"
                + " context of an image that runs Java are packaged into its jar: the literal value of a secret-named"
                + " property (spring.datasource.password, jwt.secret, client-secret, signing-key), an issued credential or"
                + " a password in a URL, and the literal default of a `${VARIABLE:default}` placeholder are reported at the"
                + " value, naming widely known default passwords (root, postgres, admin) as such; `${VARIABLE}`, a default"
                + " that is a placeholder to replace, encrypted (ENC(...), {cipher}) and hashed ({bcrypt}) values are not,"
                + " and development or test profiles (application-dev.yml, %dev.) are medium; the password of an"
                + " embedded database (its sibling url an H2 file or memory database, HSQLDB, embedded Derby or"
                + " SQLite), which no other host connects to, is low. Django's SECRET_KEY written"
                + " as a literal string in the settings module a deployed container loads (DJANGO_SETTINGS_MODULE from"
                + " its environment or --settings, else the default manage.py or wsgi.py sets), followed through its"
                + " star imports in order, where that write has the last word (a later write from the environment"
                + " wins); the message says when the key has the `django-insecure-` prefix of startproject's"
                + " development key or fewer than 50 characters, which Django's own `check --deploy` calls insecure."
                + " The same for the SECRET_KEY of the Flask application the image runs, written as a literal"
                + " (`app.secret_key = \"...\"`, `app.config[\"SECRET_KEY\"] = \"...\"`, `app.config.update(SECRET_KEY="
                + "\"...\")`) where the application object is configured, or loaded from a config class"
                + " (`app.config.from_object(ProductionConfig)` or `\"config.ProductionConfig\"`, its bases followed) or"
                + " module (`from_object(\"config\")`, `from_pyfile(\"settings.py\")` beside the application's module):"
                + " the last of these in order decides; one inside a branch, or a load drydock cannot follow (a computed"
                + " class, `from_envvar`, the instance folder) leaves the key unknown and unreported, and config classes"
                + " the application does not load (TestingConfig) are not read. A key read from the environment"
                + " (`os.environ[...]`, `env(...)`, `config(...)`) is not reported here, and one that falls back to a"
                + " literal default is default-secret's; images only development compose files or dev containers run,"
                + " and development stages, are left out.",
        problem = "A secret in a file that is committed, or in an image's configuration, is shared with everyone who"
                + " has the repository or the image: ENV and ARG values are stored in the image metadata and history.",
        impact = "The secret cannot be rotated without a commit and a rebuild, it is the same in every environment,"
                + " and anyone with read access to the repository, a CI log or the image can use it.",
        recommendation = "Take the value out of the file: interpolate it from a git-ignored .env or the environment"
                + " (`${NAME:?}`), use Compose secrets or `RUN --mount=type=secret` for build-time needs, and rotate"
                + " the exposed value.",
        references = {
                "https://docs.docker.com/build/building/secrets/",
                "https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/",
                "https://docs.docker.com/compose/how-tos/use-secrets/",
                "https://kubernetes.io/docs/concepts/configuration/secret/",
                "https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY",
                "https://www.erlang.org/doc/system/distributed.html",
                "https://hexdocs.pm/mix/Mix.Tasks.Release.html",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-12-utilize-docker-secrets-for-sensitive-data-management",
                "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html"},
        aliases = {"SecretsUsedInArgOrEnv", "DL3064", "DS031", "DS-0031", "Passwords And Secrets"},
        fix = FixSafety.SUGGESTION,
        effort = "30 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        RUN pip install --no-cache-dir --index-url https://deploy:hunter22@pypi.example.com/simple/ billing==1.4.0
                        CMD ["python", "-m", "billing"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        RUN --mount=type=secret,id=pipconf,target=/etc/pip.conf pip install --no-cache-dir billing==1.4.0
                        CMD ["python", "-m", "billing"]
                        """))
public final class HardcodedSecret implements Rule {

    @Override
    public void check(ReviewContext context) {
        Project project = context.project();
        List<ComposeValue> values = new ArrayList<>();
        for (ComposeProject compose : project.composeProjects()) {
            for (Service service : compose.services().values()) {
                for (Service.EnvVar env : service.environment()) {
                    if (env.value() != null && env.value().node() instanceof ScalarNode) {
                        values.add(new ComposeValue(service, env.name(), env.value(), env.listForm(), false));
                    }
                }
                if (service.build() != null) {
                    for (Service.KeyValue arg : service.build().args()) {
                        if (arg.value() != null && arg.value().node() instanceof ScalarNode) {
                            values.add(new ComposeValue(service, arg.name(), arg.value(), arg.value().key() == null,
                                    true));
                        }
                    }
                }
            }
        }
        // services that share a value through an anchor, a merge key or extends get one finding for it
        for (List<ComposeValue> shared : ComposeServices.byLocation(values, ComposeValue::location)) {
            composeValue(context, shared.get(0), shared);
        }
        List<DotEnvUse> fromDotEnv = new ArrayList<>(values.stream().map(v -> fromDotEnv(project, v))
                .flatMap(Optional::stream).toList());
        fromDotEnv.addAll(passedThroughFromDotEnv(project));
        for (List<DotEnvUse> shared : ComposeServices.byLocation(fromDotEnv, DotEnvUse::location)) {
            dotEnvPlaceholder(context, shared.get(0), shared.stream().map(u -> u.service().name()).distinct().toList());
        }
        Set<String> judgedWhereUsed = new HashSet<>();
        fromDotEnv.forEach(use -> judgedWhereUsed.add(use.path() + "\n" + use.entry().key()));
        List<CommandSecret> onCommandLines = new ArrayList<>();
        for (ComposeProject compose : project.composeProjects()) {
            for (Service service : compose.services().values()) {
                for (Service.Command command : new Service.Command[] {service.command(), service.entrypoint()}) {
                    if (command != null) {
                        CommandLineSecrets.in(command).forEach(f -> onCommandLines.add(new CommandSecret(service, f,
                                new Location(command.node().file().path(), f.span()))));
                    }
                }
            }
        }
        for (List<CommandSecret> shared : ComposeServices.byLocation(onCommandLines, CommandSecret::location)) {
            commandLineSecret(context, shared.get(0), shared.stream().map(c -> c.service().name()).distinct().toList());
        }
        for (KubeWorkload workload : project.kubernetesWorkloads()) {
            for (KubeContainer container : workload.containers()) {
                for (KubeEnvVar env : container.values()) {
                    kubernetesValue(context, workload, container, env);
                }
            }
        }
        for (KubeConfigMap map : project.kubernetesConfigMaps()) {
            for (KubeConfigMap.Entry entry : map.data()) {
                configMapValue(context, map, entry);
            }
        }
        for (KubeSecret secret : project.kubernetesSecrets()) {
            for (KubeSecret.Entry entry : secret.entries()) {
                secretValue(context, secret, entry);
            }
        }
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            Set<Integer> imageStages = imageStages(context, dockerfile);
            for (Instruction instruction : dockerfile.syntax().instructions()) {
                dockerfileInstruction(context, dockerfile, imageStages, instruction);
            }
        }
        if (isGitProject(project)) {
            for (ProjectEntry entry : project.layout().envFiles()) {
                if (entry.type() == FileType.ENV && !gitIgnored(project, entry.path())) {
                    envFile(context, entry.path());
                }
            }
        } else {
            for (var read : readThroughEnvFile(context).entrySet()) {
                envFileDefaults(context, read.getKey(), read.getValue(), judgedWhereUsed);
            }
        }
        for (String settings : AppSettingsSecrets.files(project)) {
            appSettings(context, settings);
        }
        for (var shipped : JvmConfigSecrets.shipped(context).entrySet()) {
            jvmConfig(context, shipped.getKey(), shipped.getValue());
        }
        djangoSecretKeys(context);
        flaskSecretKeys(context);
    }

    // ---- Django settings

    /** Django's check --deploy (security.W009) calls a key shorter than this insecure. */
    private static final int DJANGO_KEY_MIN_LENGTH = 50;

    /**
     * SECRET_KEY written as a literal in the settings module a deployed Django container loads, that write having the
     * last word on it: every copy of the repository and of the image holds the key that signs the sessions.
     */
    private void djangoSecretKeys(ReviewContext context) {
        for (DjangoContainers.SecretKeyUse use : DjangoContainers.secretKeys(context, Framework.DJANGO, false)) {
            AppSource.SecretKey key = use.key();
            String value = key.value();
            Location location = use.location();
            String weak = value.startsWith("django-insecure-")
                    ? ", and its `django-insecure-` prefix marks the key startproject generated for development, which"
                            + " `manage.py check --deploy` reports as insecure (security.W009)"
                    : value.length() < DJANGO_KEY_MIN_LENGTH
                            ? ", and at " + value.length() + " characters it is shorter than the 50 that `manage.py"
                                    + " check --deploy` asks for (security.W009)"
                            : "";
            String who = use.who();
            context.finding(this, location, "`SECRET_KEY` in " + key.file() + " is the literal "
                            + SecretNames.redact(value) + ", the key Django signs sessions, password reset links and"
                            + " messages with for " + who + ": everyone with the repository or the image can forge"
                            + " them" + weak)
                    .severity(Severity.HIGH)
                    .current(SecretNames.redactIn(context.excerpt(location), value))
                    .recommendation("Write `SECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"]` at line " + key.line()
                            + " of " + key.file() + " (with `import os` at the top) so that Django refuses to start"
                            + " without it, give the container a new key (`python -c \"from django.core.management"
                            + ".utils import get_random_secret_key; print(get_random_secret_key())\"`) at run time from"
                            + " a git-ignored .env, a compose secret or the platform's secret store, and treat the"
                            + " committed one as public.")
                    .add();
        }
    }

    // ---- Flask configuration

    /**
     * The SECRET_KEY of the Flask application a deployed container runs, written as a literal where the configuration
     * of the application has the last word on it: every copy of the repository and of the image holds the key that
     * signs the session cookie.
     */
    private void flaskSecretKeys(ReviewContext context) {
        for (DjangoContainers.SecretKeyUse use : DjangoContainers.secretKeys(context, Framework.FLASK, false)) {
            AppSource.SecretKey key = use.key();
            String value = key.value();
            Location location = use.location();
            context.finding(this, location, "The Flask secret key at line " + key.line() + " of " + key.file()
                            + " is the literal " + SecretNames.redact(value) + ", the key Flask signs the session cookie"
                            + " with (and extensions such as Flask-WTF their CSRF tokens) for "
                            + use.who()
                            + ": everyone with the repository or the image can forge a session (with Flask-Login, one logged in as any user)")
                    .severity(Severity.HIGH)
                    .current(SecretNames.redactIn(context.excerpt(location), value))
                    .recommendation("Read the key from the environment without a default at line " + key.line() + " of "
                            + key.file() + " (`os.environ[\"SECRET_KEY\"]`, with `import os`), so that the application"
                            + " refuses to start without it; give the container a new key (`python -c \"import secrets;"
                            + " print(secrets.token_hex())\"`) at run time from a git-ignored .env, a compose secret or"
                            + " the platform's secret store, and treat the committed one as public.")
                    .add();
        }
    }

    // ---- Kubernetes

    /**
     * An {@code env} entry of a Kubernetes container with a literal {@code value}: an issued credential whatever its
     * name, or the value of a secret-named variable. A value with {@code $(NAME)} in it is one Kubernetes builds from
     * the container's other variables, not a secret written here.
     */
    private void kubernetesValue(ReviewContext context, KubeWorkload workload, KubeContainer container,
            KubeEnvVar env) {
        var source = context.project().source(workload.file());
        if (source.isEmpty() || env.line() <= 0) {
            return;
        }
        String value = env.value();
        Location location = new Location(workload.file(), source.get().lines(env.line(), env.line()));
        String of = "the environment variable `" + env.name() + "` of " + workload.describe(container);
        Optional<ValueMatch> credential = SecretNames.credentialIn(value);
        if (credential.isPresent()) {
            ValueMatch c = credential.get();
            report(context, location, c.secret(value), c.issued() ? Severity.CRITICAL : Severity.HIGH,
                    of + " holds " + c.kind() + " (" + c.redacted(value) + ") written into the manifest",
                    kubernetesRecommendation(workload, container, env.name(), c.issued()));
            return;
        }
        if (value.contains("$(") || !SecretNames.isSecretName(env.name()) || !SecretNames.isLiteralSecretValue(value)) {
            return;
        }
        String consequence = ": everyone with the repository has it, `kubectl get " + workload.kind().toLowerCase(Locale.ROOT)
                + " -o yaml` shows it to anyone who may read the workload (a Secret can be restricted apart from it),"
                + " and every cluster the manifest is applied to shares it";
        report(context, location, value, Severity.HIGH, SecretNames.isPlaceholder(value)
                ? of + " is the placeholder `" + SecretNames.unquoteValue(value) + "` written into the manifest"
                        + consequence
                : of + " is the literal " + SecretNames.redact(value) + " written into the manifest" + consequence,
                kubernetesRecommendation(workload, container, env.name(), false));
    }

    /**
     * An entry of a ConfigMap's {@code data}: an issued credential whatever its key, or the value of a secret-named
     * key. A ConfigMap keeps its data in plain text and grants it to whoever may read ConfigMaps, so a pod that reads
     * it through {@code envFrom} or {@code configMapKeyRef} gets the secret as if its env wrote it.
     */
    private void configMapValue(ReviewContext context, KubeConfigMap map, KubeConfigMap.Entry entry) {
        var source = context.project().source(map.file());
        if (source.isEmpty() || entry.line() <= 0) {
            return;
        }
        String value = entry.value();
        Location location = new Location(map.file(), source.get().lines(entry.line(), entry.line()));
        String of = "the key `" + entry.key() + "` of " + map.describe();
        Optional<ValueMatch> credential = SecretNames.credentialIn(value);
        if (credential.isPresent()) {
            ValueMatch c = credential.get();
            report(context, location, c.secret(value), c.issued() ? Severity.CRITICAL : Severity.HIGH,
                    of + " holds " + c.kind() + " (" + c.redacted(value) + ") written into the manifest"
                            + configMapConsequence(map),
                    configMapRecommendation(map, entry.key(), c.issued()));
            return;
        }
        if (!SecretNames.isSecretName(entry.key()) || !SecretNames.isLiteralSecretValue(value)
                || filledAtDeploy(value)) {
            return;
        }
        report(context, location, value, Severity.HIGH, SecretNames.isPlaceholder(value)
                ? of + " is the placeholder `" + SecretNames.unquoteValue(value) + "` written into the manifest"
                        + configMapConsequence(map)
                : of + " is the literal " + SecretNames.redact(value) + " written into the manifest"
                        + configMapConsequence(map),
                configMapRecommendation(map, entry.key(), false));
    }

    /**
     * Whether a manifest's value is a reference a deployment step replaces: {@code ${NAME}} for envsubst or Flux's
     * post-build substitution, {@code ENC[...]} for a value SOPS encrypted.
     */
    private static boolean filledAtDeploy(String value) {
        return value.contains("${") || value.startsWith("ENC[");
    }

    /**
     * A value written into a Secret of a manifest, under {@code stringData} (plain text) or {@code data} (base64,
     * decoded): an issued credential whatever its key, or the value of a secret-named key, as for a ConfigMap. A
     * Secret keeps the value out of the workload's spec, but committed with its values it is no secret: base64 is an
     * encoding, and the repository holds what the cluster does.
     */
    private void secretValue(ReviewContext context, KubeSecret secret, KubeSecret.Entry entry) {
        var source = context.project().source(secret.file());
        if (source.isEmpty() || entry.line() <= 0) {
            return;
        }
        String value = entry.value();
        Location location = new Location(secret.file(), source.get().lines(entry.line(), entry.line()));
        String of = "the key `" + entry.key() + "` of " + secret.describe();
        String written = entry.encoded() ? " written into the manifest in base64 under data, an encoding anyone"
                + " reverses (`base64 -d`), not an encryption" : " written into the manifest in plain text under stringData";
        Optional<ValueMatch> credential = SecretNames.credentialIn(value);
        if (credential.isPresent()) {
            ValueMatch c = credential.get();
            report(context, location, entry.encoded() ? entry.written() : c.secret(value),
                    c.issued() ? Severity.CRITICAL : Severity.HIGH,
                    of + " holds " + c.kind() + " (" + c.redacted(value) + ")" + written + SECRET_CONSEQUENCE,
                    secretRecommendation(secret, entry.key(), c.issued()));
            return;
        }
        if (!SecretNames.isSecretName(entry.key()) || !SecretNames.isLiteralSecretValue(value)
                || filledAtDeploy(value)) {
            return;
        }
        report(context, location, entry.encoded() ? entry.written() : value, Severity.HIGH,
                (SecretNames.isPlaceholder(value)
                        ? of + " is the placeholder `" + SecretNames.unquoteValue(value) + "`"
                        : of + " is the literal " + SecretNames.redact(value)) + written + SECRET_CONSEQUENCE,
                secretRecommendation(secret, entry.key(), false));
    }

    private static final String SECRET_CONSEQUENCE = ": a Secret committed with its values keeps none of them"
            + " secret, everyone with the repository has them, and every cluster the manifest is applied to shares them";

    private static String secretRecommendation(KubeSecret secret, String key, boolean issued) {
        String name = secret.name() == null ? "credentials" : secret.name();
        String create = "kubernetes.io/tls".equals(secret.type())
                ? "`kubectl create secret tls " + name + " --cert=... --key=...`"
                : "`kubectl create secret generic " + name + " --from-literal=" + key + "=..."
                        + (secret.type() == null || secret.type().equals("Opaque") ? "" : " --type=" + secret.type())
                        + "`";
        return (issued ? "Revoke this credential now (it is in the repository's history) and issue a new one. " : "")
                + "Take the values out of " + secret.describe() + ": create the Secret where the manifests are"
                + " applied (" + create + "), or commit it encrypted (a SealedSecret, a SOPS-encrypted file) or as an"
                + " ExternalSecret that reads the cluster's secret store; the pods keep reading it by name"
                + (issued ? "." : "; change the value, which stays in the repository's history.");
    }

    private static String configMapConsequence(KubeConfigMap map) {
        return ": a ConfigMap is for non-confidential settings and keeps its data in plain text, so everyone with the"
                + " repository has it, `kubectl get configmap" + (map.name() == null ? "" : " " + map.name())
                + " -o yaml` shows it to anyone who may read ConfigMaps in the namespace (a Secret can be restricted"
                + " apart from them), and every pod that reads the ConfigMap (envFrom, configMapKeyRef) gets it as a"
                + " plain setting";
    }

    private static String configMapRecommendation(KubeConfigMap map, String key, boolean issued) {
        String secret = map.name() == null ? "credentials"
                : map.name().replaceFirst("-(config|configuration|configmap|cm|env)$", "") + "-secret";
        return (issued ? "Revoke this credential now (it is in the repository's history) and issue a new one. " : "")
                + "Remove " + key + " from " + map.describe() + " and keep it in a Secret created outside the"
                + " repository (`kubectl create secret generic " + secret + " --from-literal=" + key + "=...`, or a"
                + " sealed or external secret); the containers read it with `valueFrom: {secretKeyRef: {name: " + secret
                + ", key: " + key + "}}`, or with `envFrom: [{secretRef: {name: " + secret + "}}]` beside their"
                + " configMapRef" + (issued ? "." : "; change the value, which stays in the repository's history.");
    }

    private static String kubernetesRecommendation(KubeWorkload workload, KubeContainer container, String name,
            boolean issued) {
        String secret = workload.name() != null ? workload.name() : container.name();
        return (issued ? "Revoke this credential now (it is in the repository's history) and issue a new one. " : "")
                + "Keep the value in a Secret created outside the repository (`kubectl create secret generic " + secret
                + " --from-literal=" + name + "=...`, or a sealed or external secret) and replace `value:` of " + name
                + " in " + workload.describe(container) + " with `valueFrom: {secretKeyRef: {name: " + secret
                + ", key: " + name + "}}`" + (issued ? "." : "; change the value, which stays in the repository's history.");
    }

    // ---- compose

    /** A value written for a service's environment or build args. */
    private record ComposeValue(Service service, String name, Located<String> value, boolean listForm,
            boolean buildArg) {

        Location location() {
            return listForm ? ComposeServices.location(value.node()) : ComposeServices.keyed(value);
        }
    }

    private void composeValue(ReviewContext context, ComposeValue written, List<ComposeValue> shared) {
        Service service = written.service();
        String name = written.name();
        boolean listForm = written.listForm();
        boolean buildArg = written.buildArg();
        String where = buildArg ? "build arg" : "environment variable";
        List<String> services = shared.stream().filter(v -> v.name().equals(name)).map(v -> v.service().name())
                .distinct().toList();
        String of = (services.size() == 1 ? "service " : "services ") + ComposeServices.names(services)
                + alsoNamed(shared, name);
        ScalarNode scalar = (ScalarNode) written.value().node();
        String raw = scalar.raw();
        int valueStart = 0;
        if (listForm) {
            int eq = raw.indexOf('=');
            if (eq < 0) {
                return;
            }
            valueStart = eq + 1;
        }
        String literal = raw.substring(valueStart);
        boolean interpolated = false;
        for (Substitution s : scalar.substitutions()) {
            interpolated |= s.start() >= valueStart;
        }
        String file = scalar.file().path();
        Location location = written.location();
        Optional<ValueMatch> credential = SecretNames.credentialIn(literal);
        if (credential.isPresent() && inDefault(scalar, valueStart + credential.get().start())) {
            return; // `${TOKEN:-...}`: default-secret reports it, with the variable to require
        }
        boolean development = ComposeServices.isDevelopmentFile(context, file);
        if (credential.isPresent()) {
            ValueMatch c = credential.get();
            report(context, location, c.secret(literal),
                    c.issued() ? Severity.CRITICAL : development ? Severity.MEDIUM : Severity.HIGH,
                    "the " + where + " `" + name + "` of " + of + " holds " + c.kind() + " ("
                            + c.redacted(literal) + ") written into " + file,
                    composeRecommendation(service, name, literal, c, buildArg));
            return;
        }
        if (interpolated) {
            return; // a value read from .env: dotEnvPlaceholder
        }
        if (!SecretNames.isSecretName(name) || !SecretNames.isLiteralSecretValue(literal)) {
            return;
        }
        if (!buildArg && SecretNames.isPlaceholder(literal)) {
            report(context, location, literal, development ? Severity.MEDIUM : Severity.HIGH,
                    "the " + where + " `" + name + "` of " + of + " is the placeholder `" + SecretNames.unquoteValue(literal)
                            + "` written into " + file + ": a stack started without editing the file runs with a value"
                            + " everyone who reads it knows, and nothing fails to say so",
                    composeRecommendation(service, name, literal, null, false));
            return;
        }
        report(context, location, literal, development ? Severity.MEDIUM : Severity.HIGH,
                "the " + where + " `" + name + "` of " + of + " is the literal "
                        + SecretNames.redact(literal) + " written into " + file
                        + (buildArg ? ": everyone with the repository has it, and `docker history` of the image shows it"
                                : ": everyone with the repository has it, `docker inspect` shows it, and every"
                                        + " environment started from this file shares it"),
                composeRecommendation(service, name, literal, null, buildArg));
    }

    /**
     * A compose value read from the project's .env file: the .env entry, the service and variable that take it, and
     * how the compose file reads it ({@code reads `${SECRET_KEY?}`}, {@code passes it through}).
     */
    private record DotEnvUse(String path, DotEnvEntry entry, Service service, String name, String composeFile,
            int composeLine, String reads) {

        Location location() {
            return new Location(path, entry.span());
        }
    }

    /** Whether a value the project's .env gives a secret is one everyone knows: a placeholder or a default password. */
    private static boolean knownDotEnvValue(DotEnvEntry entry) {
        return entry != null && !entry.inherited() && entry.rawValue() != null && entry.substitutions().isEmpty()
                && (SecretNames.isPlaceholder(entry.rawValue()) || SecretNames.isWellKnownDefault(entry.rawValue()));
    }

    private static ComposeProject composeOf(Project project, Service service) {
        return project.composeProjects().stream()
                .filter(c -> c.services().get(service.name()) == service).findFirst().orElse(null);
    }

    /**
     * Secret-named variables a service lists without a value ({@code - POSTGRES_PASSWORD}), which Compose takes from
     * the project's .env when the shell does not set them, where that .env gives a value everyone knows.
     */
    private static List<DotEnvUse> passedThroughFromDotEnv(Project project) {
        List<DotEnvUse> uses = new ArrayList<>();
        if (isGitProject(project)) {
            return uses;
        }
        for (ComposeProject compose : project.composeProjects()) {
            for (Service service : compose.services().values()) {
                for (Service.EnvVar env : service.environment()) {
                    if (env.value() != null || env.node() == null || !SecretNames.isSecretName(env.name())) {
                        continue;
                    }
                    var file = compose.variables().dotEnvFileOf(env.name()).orElse(null);
                    DotEnvEntry entry = file == null ? null : file.entry(env.name()).orElse(null);
                    if (knownDotEnvValue(entry)) {
                        uses.add(new DotEnvUse(file.file().path(), entry, service, env.name(),
                                env.node().file().path(), env.node().line(), "passes it through without a value"));
                    }
                }
            }
        }
        return uses;
    }

    /**
     * A value that is one variable ({@code ${SECRET_KEY?Variable not set}}) which the project's {@code .env} sets to a
     * placeholder, outside a git repository, or empty. In a git repository the .env file is reported itself when it
     * is not git-ignored, and is the developer's own when it is; a real value in an uncommitted .env is where it belongs.
     */
    private static Optional<DotEnvUse> fromDotEnv(Project project, ComposeValue written) {
        ScalarNode scalar = (ScalarNode) written.value().node();
        int valueStart = written.listForm() ? scalar.raw().indexOf('=') + 1 : 0;
        if (isGitProject(project) || scalar.substitutions().size() != 1 || valueStart < 0) {
            return Optional.empty();
        }
        Substitution s = scalar.substitutions().get(0);
        if (s.start() != valueStart || s.end() != scalar.raw().length() || s.usedArgument()
                || !SecretNames.isSecretName(s.name()) || !SecretNames.isSecretName(written.name())) {
            return Optional.empty();
        }
        ComposeProject compose = composeOf(project, written.service());
        var file = compose == null ? null : compose.variables().dotEnvFileOf(s.name()).orElse(null);
        DotEnvEntry entry = file == null ? null : file.entry(s.name()).orElse(null);
        if (!knownDotEnvValue(entry) || !entry.value().equals(s.variableValue())) {
            return Optional.empty();
        }
        return Optional.of(new DotEnvUse(file.file().path(), entry, written.service(), written.name(),
                scalar.file().path(), scalar.line(), "reads `" + scalar.raw().substring(valueStart) + "`"));
    }

    /**
     * The other names one value written once (a YAML anchor) is given: {@code , which also sets DB_PASSWORD of api}.
     */
    private static String alsoNamed(List<ComposeValue> shared, String name) {
        List<String> others = shared.stream().filter(v -> !v.name().equals(name))
                .map(v -> "`" + v.name() + "` of " + v.service().name()).distinct().toList();
        return others.isEmpty() ? "" : " (the same value, through its anchor, is " + String.join(" and ", others) + ")";
    }

    private void dotEnvPlaceholder(ReviewContext context, DotEnvUse use, List<String> services) {
        String path = use.path();
        String raw = use.entry().rawValue();
        String of = (services.size() == 1 ? "service " : "services ") + ComposeServices.names(services);
        String composeFile = use.composeFile();
        String value = SecretNames.unquoteValue(raw);
        report(context, use.location(), raw, ComposeServices.isDevelopmentFile(context, composeFile) ? Severity.MEDIUM
                        : Severity.HIGH,
                "`" + use.name() + "` of " + of + " takes its value from " + path + " (" + composeFile + " line "
                        + use.composeLine() + " " + use.reads() + "), where it is "
                        + (SecretNames.isPlaceholder(raw) ? "the placeholder `" + value + "`"
                                : "`" + value + "`, a default password every scanner tries first")
                        + ": a stack started without editing " + path + " runs with a"
                        + " value everyone who reads it knows, and nothing fails to say so (drydock sees no git"
                        + " repository, so whether " + path + " is committed is unknown)",
                "Give " + use.entry().key() + " a value of its own in each deployment's " + path + " (or its secret"
                        + " store) and keep that file out of the repository: git-ignore it and commit a " + path
                        + ".example with empty values.");
    }

    /** A secret written on a service's command line. */
    private record CommandSecret(Service service, CommandLineSecrets.Found found, Location location) {}

    private void commandLineSecret(ReviewContext context, CommandSecret written, List<String> services) {
        CommandLineSecrets.Found found = written.found();
        String file = written.location().file();
        String of = (services.size() == 1 ? "service " : "services ") + ComposeServices.names(services);
        ValueMatch credential = found.credential();
        String what = credential != null ? credential.kind() + " (" + SecretNames.redact(found.secret()) + ")"
                : "the literal " + SecretNames.redact(found.secret()) + " for " + found.option();
        String variable = credential != null ? "PASSWORD"
                : found.option().replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
        boolean development = ComposeServices.isDevelopmentFile(context, file);
        report(context, written.location(), found.secret(),
                credential != null && credential.issued() ? Severity.CRITICAL : development ? Severity.MEDIUM : Severity.HIGH,
                "the command line of " + of + " holds " + what + " written into " + file + ": everyone with the"
                        + " repository has it, and `docker inspect` and `ps` in the container show it",
                "Let Compose fill it in: write `${" + variable + ":?set " + variable + " in .env}` in its place,"
                        + " keep the value in a git-ignored .env or the deployment's secret store, and change it; a"
                        + " server that reads its password from a file (a compose secret under /run/secrets/) keeps it"
                        + " off the command line altogether.");
    }

    /** Whether the index of the raw scalar falls in the default of an interpolation ({@code ${NAME:-here}}). */
    private static boolean inDefault(ScalarNode scalar, int index) {
        for (Substitution s : scalar.substitutions()) {
            if (s.operator().isDefault() && s.argumentStart() >= 0 && index >= s.argumentStart() && index < s.argumentEnd()) {
                return true;
            }
        }
        return false;
    }

    private static String composeRecommendation(Service service, String name, String literal, ValueMatch credential,
            boolean buildArg) {
        StringBuilder out = new StringBuilder();
        if (credential != null && credential.issued()) {
            out.append("Revoke this credential now (it is in the repository's history) and issue a new one. ");
        }
        if (buildArg) {
            String id = name.toLowerCase(Locale.ROOT);
            return out.append("Pass it as a build secret instead of a build arg: `build: {secrets: [").append(id)
                    .append("]}` with a top-level `secrets: {").append(id).append(": {environment: ").append(name)
                    .append("}}`, and `RUN --mount=type=secret,id=").append(id).append(",env=").append(name)
                    .append(" ...` in the Dockerfile.").toString();
        }
        if (credential != null && !credential.issued()) {
            String url = literal.substring(0, credential.secretStart()) + "${" + passwordVariable(name) + ":?}"
                    + literal.substring(credential.secretEnd());
            return out.append("Interpolate the password: `").append(name).append(": ").append(url.strip())
                    .append("`, with ").append(passwordVariable(name))
                    .append(" in a git-ignored .env or the deployment's secret store, and change the password.")
                    .toString();
        }
        out.append("Write `").append(name).append(": ${").append(name).append(":?set ").append(name)
                .append(" in .env}` and keep the value in a git-ignored .env or the deployment's secret store, or"
                        + " declare a compose secret (mounted under /run/secrets/)");
        String image = service.image() == null ? "" : service.image().value();
        if (name.matches("(POSTGRES|MYSQL|MARIADB)_[A-Z_]*PASSWORD")
                && image.matches("(.*/)?(postgres|mysql|mariadb)(:.*)?")) {
            out.append(" and point `").append(name).append("_FILE` at it");
        }
        return out.append("; then change the value.").toString();
    }

    private static String passwordVariable(String name) {
        String base = name.replaceAll("_(URL|URI|DSN)$", "");
        return base.equals(name) ? name + "_PASSWORD" : base + "_PASSWORD";
    }

    // ---- Dockerfile

    /**
     * The indexes of the stages whose configuration ends up in an image the project builds: each
     * built target and the stages it is FROM, transitively; the last stage's chain when nothing
     * builds the Dockerfile.
     */
    private static Set<Integer> imageStages(ReviewContext context, DockerfileSource dockerfile) {
        Set<Integer> out = new HashSet<>();
        DockerfileModel model = dockerfile.model();
        if (model == null) {
            return out;
        }
        for (BuiltImage image : BuiltImage.of(context)) {
            if (image.dockerfile().equals(dockerfile.file().path())) {
                image.imageStages().forEach(s -> out.add(s.index()));
            }
        }
        if (out.isEmpty()) {
            model.targetStage().ifPresent(target -> Stages.inImage(model, target).forEach(s -> out.add(s.index())));
        }
        return out;
    }

    /** The build stage an instruction belongs to, when it is a stage the final image is not built on. */
    private static Optional<Stage> builderStage(DockerfileSource dockerfile, Set<Integer> imageStages,
            Instruction instruction) {
        if (dockerfile.model() == null || imageStages.isEmpty()) {
            return Optional.empty();
        }
        return dockerfile.model().step(instruction)
                .filter(step -> !imageStages.contains(step.stageIndex()))
                .map(step -> dockerfile.model().stages().get(step.stageIndex()));
    }

    private void dockerfileInstruction(ReviewContext context, DockerfileSource dockerfile, Set<Integer> imageStages,
            Instruction instruction) {
        String file = instruction.file().path();
        Optional<Stage> builder = builderStage(dockerfile, imageStages, instruction);
        List<KeyValue> entries = switch (instruction.arguments()) {
            case KeyValueList kv when instruction.kind() == InstructionKind.ENV -> kv.entries();
            case ArgList args -> args.entries();
            default -> List.of();
        };
        boolean env = instruction.kind() == InstructionKind.ENV;
        for (KeyValue entry : entries) {
            String name = entry.name().value();
            if (!entry.hasValue()) {
                if (!env && SecretNames.isSecretName(name)) {
                    secretBuildArg(context, file, entry, name);
                }
                continue;
            }
            String value = entry.value().value();
            Optional<ValueMatch> credential = SecretNames.credentialIn(value);
            if (credential.isPresent()) {
                ValueMatch c = credential.get();
                if (builder.isPresent() && !c.issued() && (SecretNames.isBuildStandIn(c.secret(value))
                        || placeholderUser(value))) {
                    continue; // a build-time stand-in (prisma generate's DATABASE_URL) that does not reach the image
                }
                report(context, new Location(file, within(instruction, entry, c.start(), c.end())), c.secret(value),
                        c.issued() ? Severity.CRITICAL : Severity.HIGH,
                        (env ? "ENV " : "ARG ") + name + " holds " + c.kind() + " (" + c.redacted(value) + "): "
                                + stored(env, builder),
                        dockerfileRecommendation(name, env, c));
                continue;
            }
            if (!SecretNames.isSecretName(name)) {
                continue;
            }
            if (value.contains("$")) {
                if (env) {
                    if (!onlyUndefinedVariables(dockerfile, instruction, value)) {
                        copiedIntoEnv(context, file, entry, name, value, builder);
                    }
                } else {
                    secretBuildArg(context, file, entry, name);
                }
                continue;
            }
            if (!SecretNames.isLiteralSecretValue(value)) {
                if (!env && value.replace("\"", "").replace("'", "").isBlank()) {
                    secretBuildArg(context, file, entry, name);
                }
                continue;
            }
            if (builder.isPresent() && SecretNames.isBuildStandIn(value)) {
                continue; // a stand-in that lets the build's own checks pass (next build's env validation)
            }
            report(context, new Location(file, entry.value().span()), value, Severity.HIGH,
                    (env ? "ENV " : "ARG ") + name + (SecretNames.isPlaceholder(value)
                            ? " is the placeholder `" + SecretNames.unquoteValue(value) + "`" + (env ? ", which every"
                                    + " container gets when nobody sets " + name + " at run time: " : ": ")
                            : " is the literal " + SecretNames.redact(value) + ": ") + stored(env, builder),
                    dockerfileRecommendation(name, env, null));
        }
        if (instruction.kind() == InstructionKind.RUN || instruction.kind() == InstructionKind.ADD) {
            String text = instruction.logicalText().text();
            Optional<ValueMatch> credential = SecretNames.credentialIn(text);
            if (credential.isPresent()) {
                ValueMatch c = credential.get();
                Span span = instruction.logicalText().fileSpan(c.start(), c.end());
                report(context, new Location(file, span), c.secret(text), c.issued() ? Severity.CRITICAL : Severity.HIGH,
                        instruction.kind().name() + " holds " + c.kind() + " (" + c.redacted(text)
                                + "): the instruction's text is kept in the image"
                                + " history (`docker history --no-trunc`) and in build logs",
                        "Pass it as a build secret instead: `RUN --mount=type=secret,id=token,env=TOKEN ...` with"
                                + " `docker build --secret id=token,env=TOKEN` (compose: build.secrets), and revoke"
                                + " the exposed credential.");
            }
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    private static final Pattern URL_USER = Pattern.compile("://([^:/@\\s]+):[^/@\\s]*@");

    /** Whether a URL's user is a placeholder word: postgresql://placeholder:for@build:5432/db. */
    private static boolean placeholderUser(String value) {
        Matcher m = URL_USER.matcher(value);
        return m.find() && SecretNames.isPlaceholder(m.group(1));
    }

    /**
     * Whether every variable the value reads is one no ARG or ENV defines there: the value is empty, nothing is
     * stored (undefined-var reports the line).
     */
    private static boolean onlyUndefinedVariables(DockerfileSource dockerfile, Instruction instruction, String value) {
        Step step = dockerfile.model() == null ? null : dockerfile.model().step(instruction).orElse(null);
        if (step == null) {
            return false;
        }
        Matcher m = VARIABLE.matcher(value);
        boolean any = false;
        while (m.find()) {
            String name = m.group(1);
            if (!step.undefinedVariables().contains(name) || step.variables().definition(name) != null) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** An ARG named like a secret: whatever value the build passes is recorded with the image. */
    private void secretBuildArg(ReviewContext context, String file, KeyValue entry, String name) {
        context.finding(this, new Location(file, entry.name().span()), "ARG " + name + " is named like a secret:"
                        + " the value passed with --build-arg is recorded in the image history of every RUN that uses"
                        + " it (docker history) and in the build's provenance")
                .severity(Severity.MEDIUM)
                .recommendation("Pass it as a build secret instead of a build arg: remove the ARG, build with `docker"
                        + " build --secret id=" + name.toLowerCase(Locale.ROOT) + ",env=" + name + "` (compose:"
                        + " build.secrets) and read it in the one RUN that needs it: `RUN --mount=type=secret,id="
                        + name.toLowerCase(Locale.ROOT) + ",env=" + name + " ...`.")
                .add();
    }

    /**
     * An ENV named like a secret whose value comes from a variable: stored in the image configuration
     * when the image is built on its stage; in a builder stage, kept with that stage's build cache only.
     */
    private void copiedIntoEnv(ReviewContext context, String file, KeyValue entry, String name, String value,
            Optional<Stage> builder) {
        String message = builder.isPresent()
                ? "ENV " + name + "=" + value + " sets a secret-named value in " + Stages.describe(builder.get())
                        + ", which the final image is not built on: it does not reach the image configuration, but it"
                        + " is kept in that stage's build cache, every RUN after it sees it, and files those RUNs"
                        + " build (and COPY --from copies out) may embed it"
                : "ENV " + name + "=" + value + " stores a secret-named value in the image configuration, where"
                        + " `docker inspect` shows it to anyone who can pull the image";
        context.finding(this, new Location(file, entry.value().span()), message)
                .severity(builder.isPresent() ? Severity.MEDIUM : Severity.HIGH)
                .recommendation(builder.isPresent()
                        ? "Remove the ENV and read " + name + " only in the RUN that needs it: `RUN --mount=type=secret,id="
                                + name.toLowerCase(Locale.ROOT) + ",env=" + name + " ...`, built with `docker build"
                                + " --secret id=" + name.toLowerCase(Locale.ROOT) + ",env=" + name + "` (compose:"
                                + " build.secrets); the running container gets it from its own environment."
                        : "Give " + name + " to the container at run time (compose environment or secrets), not"
                                + " through ENV; if the build needs it, read it with `RUN --mount=type=secret,id="
                                + name.toLowerCase(Locale.ROOT) + ",env=" + name + " ...`.")
                .add();
    }

    /** The span of characters {@code start..end} of an entry's value, or the value's span when it cannot be mapped. */
    private static Span within(Instruction instruction, KeyValue entry, int start, int end) {
        Span span = entry.value().span();
        if (span.end() - span.start() != entry.value().value().length()) {
            return span;
        }
        return instruction.file().span(span.start() + start, span.start() + end);
    }

    private static String stored(boolean env, Optional<Stage> builder) {
        if (env && builder.isPresent()) {
            return "the Dockerfile is committed with it, and although " + Stages.describe(builder.get())
                    + " is not part of the final image, its build cache keeps the value and every RUN after it sees it";
        }
        return env ? "ENV values are stored in the image configuration, where `docker inspect` shows them to anyone"
                + " who can pull the image, and the Dockerfile is committed"
                : "an ARG default is committed with the Dockerfile and recorded in the image history of every RUN"
                + " that uses it";
    }

    private static String dockerfileRecommendation(String name, boolean env, ValueMatch credential) {
        return (credential != null && credential.issued() ? "Revoke this credential and issue a new one. " : "")
                + "Remove the value from the Dockerfile: give `" + name + "` to the container at run time (compose"
                + " environment: `" + name + ": ${" + name + ":?}` or env_file:), and if the build needs it use a build"
                + " secret (`RUN --mount=type=secret,id=" + name.toLowerCase(Locale.ROOT) + ",env=" + name
                + " ...`)" + (env ? "" : " rather than an ARG") + ".";
    }

    // ---- env files

    private void envFile(ReviewContext context, String path) {
        for (DotEnvEntry entry : EnvFiles.entries(context.project(), path)) {
            if (entry.inherited() || entry.rawValue() == null || entry.valueSpan() == null) {
                continue;
            }
            String raw = entry.rawValue();
            Optional<ValueMatch> credential = SecretNames.credentialIn(raw);
            boolean named = entry.substitutions().isEmpty() && SecretNames.isSecretName(entry.key())
                    && SecretNames.isLiteralSecretValue(raw);
            if (credential.isEmpty() && !named) {
                continue;
            }
            Severity severity = credential.isPresent() && credential.get().issued() ? Severity.CRITICAL : Severity.HIGH;
            String secret = credential.map(c -> c.secret(raw)).orElse(raw);
            String shown = credential.map(c -> c.kind() + ": " + c.redacted(raw)).orElse(SecretNames.redact(raw));
            boolean symfony = symfonyDefaults(context.project(), path);
            context.finding(this, new Location(path, entry.span()), symfony
                            ? path + " is the file of default values a Symfony application commits (it is not"
                                    + " git-ignored, and Symfony's Dotenv needs it), so the value of " + entry.key()
                                    + " (" + shown + ") goes into the repository with it"
                            : path + " is not git-ignored, so `git add .` commits the value of " + entry.key() + " ("
                                    + shown + ")")
                    .severity(severity)
                    .current(SecretNames.redactIn(context.excerpt(new Location(path, entry.span())), secret))
                    .recommendation(symfony
                            ? "Leave `" + entry.key() + "=` empty in " + path + " and keep the value in "
                                    + PathNames.join(PathNames.parent(path), ".env.local")
                                    + " (git-ignored by Symfony's recipe) on a developer's machine and in the real"
                                    + " environment or Symfony's secrets vault (`bin/console secrets:set "
                                    + entry.key() + "`) in production; rotate " + entry.key()
                                    + " if it was ever committed."
                            : "Add `" + path + "` to .gitignore (keep a " + path + ".example with empty values"
                                    + " for reference); if it was ever committed, remove it with `git rm --cached "
                                    + path + "` and rotate " + entry.key() + ".")
                    .add();
        }
    }

    /** Whether the env file is a Symfony application's committed .env (or .env.prod ...) beside its composer.json. */
    private static boolean symfonyDefaults(Project project, String path) {
        String name = PathNames.fileName(path);
        return (name.equals(".env") || name.startsWith(".env.") && !name.endsWith("local"))
                && SymfonyDotenv.at(project, PathNames.join(PathNames.parent(path), "composer.json"));
    }

    /** A service that reads an env file through {@code env_file}, and where it names it. */
    private record EnvFileReader(String service, Service.EnvFile envFile, boolean development) {}

    /** The project's env files that compose services read through {@code env_file}, with those services. */
    private static Map<String, List<EnvFileReader>> readThroughEnvFile(ReviewContext context) {
        Project project = context.project();
        Map<String, List<EnvFileReader>> readers = new LinkedHashMap<>();
        for (ComposeProject compose : project.composeProjects()) {
            for (Service service : compose.services().values()) {
                for (Service.EnvFile f : service.envFiles()) {
                    String path = f.path() == null ? null : ComposeServices.projectPath(project, f.path());
                    if (path != null) {
                        readers.computeIfAbsent(path, k -> new ArrayList<>()).add(new EnvFileReader(service.name(), f,
                                ComposeServices.isDevelopmentFile(context, f.file().node().file().path())));
                    }
                }
            }
        }
        return readers;
    }

    /**
     * Outside a git repository whether an env file is committed is unknown, and a real value in it may be where it
     * belongs; a placeholder or a widely known default password is not, whoever keeps the file. An entry of a .env
     * that compose also interpolates into the file ({@code judgedWhereUsed}, path and key) is judged there, once.
     */
    private void envFileDefaults(ReviewContext context, String path, List<EnvFileReader> readers,
            Set<String> judgedWhereUsed) {
        List<String> services = readers.stream().map(EnvFileReader::service).distinct().toList();
        EnvFileReader first = readers.get(0);
        String of = (services.size() == 1 ? "service " : "services ") + ComposeServices.names(services);
        boolean development = readers.stream().allMatch(EnvFileReader::development);
        for (DotEnvEntry entry : EnvFiles.entries(context.project(), path)) {
            if (entry.inherited() || entry.rawValue() == null || entry.valueSpan() == null
                    || judgedWhereUsed.contains(path + "\n" + entry.key())
                    || !entry.substitutions().isEmpty() || !SecretNames.isSecretName(entry.key())
                    || !SecretNames.isLiteralSecretValue(entry.rawValue())) {
                continue;
            }
            String raw = entry.rawValue();
            boolean placeholder = SecretNames.isPlaceholder(raw);
            if (!placeholder && !SecretNames.isWellKnownDefault(raw)) {
                continue;
            }
            String value = SecretNames.unquoteValue(raw);
            report(context, new Location(path, entry.span()), raw, development ? Severity.MEDIUM : Severity.HIGH,
                    "`" + entry.key() + "` in " + path + ", which " + of + " " + (services.size() == 1 ? "reads" : "read")
                            + " through env_file (" + first.envFile().file().node().file().path() + " line "
                            + first.envFile().file().node().line() + "), is "
                            + (placeholder ? "the placeholder `" + value + "`" : "`" + value + "`, a default password"
                                    + " every scanner tries first")
                            + ": a stack started without editing " + path + " runs with a value everyone who reads it"
                            + " knows, and nothing fails to say so (drydock sees no git repository, so whether " + path
                            + " is committed is unknown)",
                    "Give " + entry.key() + " a value of its own in each deployment's " + path + " (generate it, e.g."
                            + " `openssl rand -hex 32`) and keep that file out of the repository: git-ignore it and"
                            + " commit a " + path + ".example with empty values.");
        }
    }

    // ---- ASP.NET Core settings files

    /**
     * An appsettings*.json file that is committed (not git-ignored in a git project) or that a build copies into
     * an image: every secret in it is shared with the repository or the image.
     */
    private void appSettings(ReviewContext context, String path) {
        Project project = context.project();
        boolean committed = isGitProject(project) && !gitIgnored(project, path);
        String image = copiedInto(context, path);
        if (!committed && image == null) {
            return;
        }
        SourceFile file = project.source(path).orElse(null);
        if (file == null) {
            return;
        }
        boolean development = AppSettingsSecrets.isDevelopmentFile(PathNames.fileName(path));
        String shared = committed && image != null ? "committed and copied into the image " + image
                : committed ? "committed" : "copied into the image " + image;
        for (AppSettingsSecrets.Secret secret : AppSettingsSecrets.of(file)) {
            boolean issued = secret.credential().map(ValueMatch::issued).orElse(false);
            String what = secret.credential()
                    .map(c -> "holds " + c.kind() + " (" + c.redacted(secret.value()) + ")")
                    .orElse("is the literal " + SecretNames.redact(secret.value()));
            Location location = new Location(path, secret.span());
            context.finding(this, location, "`" + secret.key() + "` in " + path + " " + what + ", and the file is "
                            + shared + ": everyone with " + (committed ? "the repository" : "the image")
                            + " has it, and every environment that runs the application shares it")
                    .severity(issued ? Severity.CRITICAL : development ? Severity.MEDIUM : Severity.HIGH)
                    .current(SecretNames.redactIn(context.excerpt(location), secret.secret()))
                    .recommendation((issued ? "Revoke this credential and issue a new one. " : "")
                            + "Remove the value from " + path + " and give it to the container at run time as the"
                            + " environment variable `" + secret.environmentVariable() + "` (ASP.NET Core's"
                            + " environment variables override appsettings files, `__` standing for `:`), from a"
                            + " git-ignored .env, a compose secret or the platform's secret store"
                            + (development ? "; for development, keep it in user secrets (`dotnet user-secrets set \""
                                    + secret.key() + "\" ...`)" : "")
                            + "; then change the value.")
                    .add();
        }
    }

    /** The first image a build copies the project file into, named by its Dockerfile; null when none does. */
    private void jvmConfig(ReviewContext context, String path, String image) {
        SourceFile file = context.project().source(path).orElse(null);
        if (file == null) {
            return;
        }
        boolean spring = context.builtContainers().stream().flatMap(c -> c.manifests().stream())
                .flatMap(m -> m.dependencies().stream())
                .noneMatch(d -> d.name().startsWith("io.quarkus") || d.name().startsWith("io.micronaut"));
        boolean developmentFile = JvmConfigSecrets.isDevelopmentFile(path);
        for (JvmConfigSecrets.Secret secret : JvmConfigSecrets.of(file)) {
            boolean issued = secret.credential().map(ValueMatch::issued).orElse(false);
            boolean development = developmentFile || secret.key().matches("(?i)%(dev|test)\\..*");
            Optional<String> embedded = issued ? Optional.empty() : JvmConfigSecrets.embeddedDatabase(file, secret.key());
            String what = embedded.isPresent() ? "is " + (secret.wellKnownDefault() ? "`" + secret.value() + "`, a widely"
                    + " known default password," : "the literal " + SecretNames.redact(secret.value())) + " of the embedded"
                    + " database " + embedded.get() + ", which no other host connects to" : secret.credential()
                    .map(c -> "holds " + c.kind() + " (" + c.redacted(secret.value()) + ")")
                    .orElse(secret.wellKnownDefault() ? "is `" + secret.value() + "`, a widely known default password"
                            + " that is tried first against any exposed service"
                            : "is the literal " + SecretNames.redact(secret.value()));
            String key = secret.key().replaceFirst("^%[\\w-]+\\.", "");
            String variable = secret.fallback() ? secret.variable() : JvmConfigSecrets.environmentVariable(key, spring);
            Location location = new Location(path, secret.span());
            context.finding(this, location, "`" + secret.key() + "` in " + path
                            + (secret.fallback() ? " falls back, when `" + secret.variable() + "` is unset, to a value that "
                                    : " ") + what + ", and the file is packaged into the jar of the image " + image
                            + ": everyone with the repository or the image has it, and every environment that runs"
                            + " the application shares it")
                    .severity(issued ? Severity.CRITICAL : embedded.isPresent() ? Severity.LOW
                            : development ? Severity.MEDIUM : Severity.HIGH)
                    .current(SecretNames.redactIn(context.excerpt(location), secret.secret()))
                    .recommendation((issued ? "Revoke this credential and issue a new one. " : "")
                            + (secret.fallback()
                                    ? "Drop the default (`${" + secret.variable() + "}`) so that the application fails"
                                            + " to start without the variable, and give `" + variable + "` to the"
                                            + " container at run time"
                                    : "Write `" + secret.key() + "=${" + variable + "}` in " + path + " (or remove the"
                                            + " line: the environment variable `" + variable + "` sets the property)"
                                            + " and give the value to the container at run time")
                            + ", from a git-ignored .env, a compose secret or the platform's secret store; then change"
                            + " the value" + (embedded.isPresent() ? " in the database as well (ALTER USER ... SET"
                                    + " PASSWORD), or the data files existing installations already have no longer open"
                                    : "") + ".")
                    .add();
        }
    }

    private static String copiedInto(ReviewContext context, String path) {
        for (Container c : context.builtContainers()) {
            BuildLink build = c.build();
            String inContext = BuildContexts.inContext(build, path);
            if (inContext == null || !build.ignore().includes(inContext)) {
                continue;
            }
            String builder = null;
            for (BuildContexts.ContextCopy copy : BuildContexts.copies(build)) {
                if (BuildContexts.landing(context.project(), build, copy, inContext).isEmpty()) {
                    continue;
                }
                if (copy.inImage()) {
                    return "built from " + build.dockerfile();
                }
                // the Web SDK publishes the project's *.json content files with the application
                builder = "built from " + build.dockerfile() + " (through the build stage, whose dotnet publish"
                        + " output takes it along)";
            }
            if (builder != null) {
                return builder;
            }
        }
        return null;
    }

    private static boolean isGitProject(Project project) {
        return !project.gitignores().isEmpty() || project.layout().skippedDirectories().stream()
                .anyMatch(d -> d.rule() == SkipRule.VCS && d.path().equals(".git"));
    }

    private static boolean gitIgnored(Project project, String path) {
        return project.gitIgnoring(path).isPresent();
    }

    // ---- reporting

    private void report(ReviewContext context, Location location, String secret, Severity severity, String message,
            String recommendation) {
        context.finding(this, location, message)
                .severity(severity)
                .current(SecretNames.redactIn(context.excerpt(location), secret))
                .recommendation(recommendation)
                .add();
    }
}
