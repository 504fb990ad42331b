package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.compose.template.Substitution;
import dev.drydock.core.dotenv.DotEnvFile;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.LineReferences;
import dev.drydock.core.rules.support.SecretFileVariables;
import dev.drydock.core.rules.support.SecretNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

@RuleDefinition(
        id = "secret-in-environment",
        title = "A secret reaches a service through its environment instead of a compose secret",
        severity = Severity.LOW,
        category = Category.SECURITY,
        checks = "The `environment` of every compose service declared outside development files: variables named"
                + " like secrets (*_PASSWORD, *_TOKEN, SECRET_KEY, API_KEY ...) whose value is interpolated"
                + " (`${DB_PASSWORD:?}`, `${DB_PASSWORD}`) or taken from the shell or the .env file (`- DB_PASSWORD` alone). Literal"
                + " values are hardcoded-secret's finding instead; a literal default (`${DB_PASSWORD:-changeme}`) is"
                + " default-secret's finding as well, a separate problem with its own fix, after which this one"
                + " remains. *_FILE variables pointing at /run/secrets are the recommended form."
                + " Services that take the key from one YAML anchor (`<<: *defaults`) get one finding there,"
                + " naming them all; the variables of one service are one finding, at the first, naming each with"
                + " its line (and its file, when a variant file merged over the base writes some of them).",
        problem = "An environment variable is part of the container's configuration: `docker inspect` prints it,"
                + " every process of the container and its children inherit it, and crash reporters and debug pages"
                + " often dump it.",
        impact = "Anyone who can run `docker inspect` or read a log of the environment has the secret, and it cannot"
                + " be rotated without recreating the container.",
        recommendation = "Declare a compose secret (top-level `secrets: {db_password: {environment: DB_PASSWORD}}` or"
                + " `{file: ./db_password.txt}`), grant it to the service (`secrets: [db_password]`) and let the"
                + " application read /run/secrets/db_password: postgres, mysql, mariadb and mongo read NAME_FILE for their"
                + " credentials, n8n for any variable, Grafana NAME__FILE; other images need their entry point to"
                + " read the file.",
        references = {
                "https://docs.docker.com/compose/how-tos/use-secrets/",
                "https://docs.docker.com/reference/compose-file/secrets/",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-12-utilize-docker-secrets-for-sensitive-data-management"},
        effort = "30 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          db:
                            image: postgres:16.6
                            environment:
                              POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?}
                        """,
                good = """
                        services:
                          db:
                            image: postgres:16.6
                            environment:
                              POSTGRES_PASSWORD_FILE: /run/secrets/db_password
                            secrets:
                              - db_password
                        secrets:
                          db_password:
                            environment: POSTGRES_PASSWORD
                        """))
public final class SecretInEnvironment implements Rule {

    /** A secret variable of a service whose value is interpolated or inherited, and the variable Compose reads it from. */
    private record Passed(ComposeServices.Ref ref, Service.EnvVar env, String source, Location location) {}

    @Override
    public void check(ReviewContext context) {
        List<Passed> passed = new ArrayList<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            if (ref.inDevelopmentFile()) {
                continue;
            }
            Service service = ref.service();
            for (Service.EnvVar env : service.environment()) {
                if (!SecretNames.isSecretName(env.name())) {
                    continue;
                }
                String source = source(env);
                if (source != null) {
                    passed.add(new Passed(ref, env, source, ComposeServices.envEntry(service, env)));
                }
            }
        }
        // one finding per service (or per group of services sharing an anchor), naming all its variables
        Map<List<Object>, List<List<Passed>>> byServices = new LinkedHashMap<>();
        for (List<Passed> group : ComposeServices.byLocation(passed, Passed::location)) {
            List<Object> key = new ArrayList<>();
            key.add(System.identityHashCode(group.get(0).ref().compose()));
            group.forEach(p -> key.add(p.ref().name()));
            byServices.computeIfAbsent(key, k -> new ArrayList<>()).add(group);
        }
        for (List<List<Passed>> variables : byServices.values()) {
            report(context, variables);
        }
    }

    /**
     * The variable of Compose's environment the value comes from when it is interpolated or inherited, else
     * null (a literal or a reference).
     */
    private static String source(Service.EnvVar env) {
        if (env.value() == null) {
            return env.name();
        }
        if (!(env.value().node() instanceof ScalarNode scalar)) {
            return null;
        }
        String raw = scalar.raw();
        int valueStart = env.listForm() ? raw.indexOf('=') + 1 : 0;
        if (SecretNames.credentialIn(raw.substring(valueStart)).isPresent()) {
            return null; // hardcoded-secret
        }
        String from = null;
        for (Substitution s : scalar.substitutions()) {
            if (s.start() < valueStart) {
                continue;
            }
            if (from == null && !s.nested()) {
                from = s.name();
            }
        }
        if (from == null || !SecretNames.isLiteralSecretValue(env.value().value().isEmpty() ? "x"
                : env.value().value())) {
            return null;
        }
        return from;
    }

    private void report(ReviewContext context, List<List<Passed>> variables) {
        List<Passed> group = variables.get(0);
        Passed first = group.get(0);
        List<String> services = group.stream().map(p -> p.ref().name()).toList();
        String names = ComposeServices.names(services);
        if (variables.size() == 1) {
            String name = first.env().name();
            context.finding(this, first.location(), "`" + name + "` of " + names + " is " + how(first) + " into the"
                            + " container's environment, where `docker inspect` shows it and every child process"
                            + " inherits it")
                    .recommendation("Pass it as a compose secret: " + advice(context, first, names))
                    .add();
            return;
        }
        List<String> each = new ArrayList<>();
        List<String> advice = new ArrayList<>();
        for (List<Passed> variable : variables) {
            Passed p = variable.get(0);
            each.add("`" + p.env().name() + "` " + LineReferences.onLine(p.location(), first.location().file()) + ", "
                    + how(p));
            advice.add("For " + p.env().name() + ", " + advice(context, p, names));
        }
        context.finding(this, first.location(), names + " " + (services.size() == 1 ? "gets" : "get") + " "
                        + variables.size() + " secrets in the container's environment, where `docker inspect` shows"
                        + " them and every child process inherits them: " + String.join("; ", each))
                .recommendation("Pass each as a compose secret. " + String.join(" ", advice))
                .otherPlaces(variables.stream().skip(1).map(v -> v.get(0).location()).toList())
                .add();
    }

    /**
     * For RAILS_MASTER_KEY: Rails reads the key from config/master.key under the application's root when the variable
     * is unset, so the secret can be mounted there instead, with no change to the application.
     */
    private static String railsMasterKey(ReviewContext context, Passed passed) {
        String root = passed.ref().service().workingDir() != null ? passed.ref().service().workingDir().value()
                : context.builtContainers().stream().filter(c -> c.service() == passed.ref().service())
                        .map(c -> c.build() == null || c.build().stage() == null || c.build().stage().steps().isEmpty()
                                ? null : c.build().stage().steps().get(c.build().stage().steps().size() - 1).workdir())
                        .filter(java.util.Objects::nonNull).map(w -> w.value()).filter(w -> w.startsWith("/"))
                        .findFirst().orElse(null);
        String target = root == null ? "config/master.key under the application's root" : root.replaceAll("/+$", "")
                + "/config/master.key";
        return ", mounted where Rails reads the key when RAILS_MASTER_KEY is unset, " + target + " (long form `secrets:"
                + " [{source: rails_master_key, target: " + target + "}]` in the service), and drop the variable.";
    }

    private static String how(Passed passed) {
        return passed.env().value() == null
                ? "taken " + inheritedFrom(passed.ref().compose(), passed.env().name())
                : "interpolated from " + passed.source();
    }

    /** The compose secret to declare for the variable, and how the application then reads it. */
    private static String advice(ReviewContext context, Passed passed, String services) {
        String name = passed.env().name();
        String secret = name.toLowerCase(Locale.ROOT);
        if (name.equals("RAILS_MASTER_KEY")) {
            return "top-level `secrets: {" + secret + ": {environment: " + passed.source() + "}}`" + railsMasterKey(
                    context, passed);
        }
        return "top-level `secrets: {" + secret + ": {environment: " + passed.source() + "}}`, `secrets: [" + secret
                + "]` in " + services + ", and "
                + SecretFileVariables.of(passed.ref().service(), name)
                        .map(file -> "replace " + name + " with `" + file + ": /run/secrets/" + secret
                                + "`, which the image reads instead.")
                        .orElse("have the application read /run/secrets/" + secret + ": check whether the"
                                + " image reads a `" + name + "_FILE` variable (postgres and mysql do for"
                                + " their own passwords); if not, its entry point has to read the file.");
    }

    /**
     * Where Compose takes the value of a variable named without one ({@code - POSTGRES_PASSWORD}): the shell that
     * runs it, else the project's .env file.
     */
    private static String inheritedFrom(ComposeProject compose, String name) {
        for (DotEnvFile file : compose.variables().dotEnvFiles()) {
            if (file.entry(name).filter(e -> e.value() != null).isPresent()) {
                return "from " + file.file().path() + " (unless the shell that runs Compose sets it)";
            }
        }
        return "from the shell that runs Compose or the project's .env file";
    }

}
