package dev.drydock.core.rules.support;

import dev.drydock.core.compose.ComposeFile;
import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.app.DevServer;
import dev.drydock.core.source.SourceFile;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The compose files meant for development by what they hold rather than by their name: one in which every
 * service built builds a development or test stage ({@code build.target: dev}, {@code target: development}), one
 * whose opening comment says so ("for the development setup", "not intended for production"), or one with a
 * service that mounts the project's sources over its image's working directory and runs them in development
 * mode: under a development server, from a development stage, or with its framework's environment set to
 * development; and Laravel Sail's file. Such a file starts the stack on developers' machines, with the database
 * and cache beside it, as a compose.override.yml does.
 */
public final class DevelopmentComposeFiles {

    /**
     * An opening comment that rules production out: "not intended for production", "not for production use",
     * also with "intended" misspelled as it often is in comments ("intented", "indended", "inteded").
     */
    private static final Pattern NOT_FOR_PRODUCTION = Pattern.compile(
            "\\bnot\\s+(?:(?:in[td]e?n?[dt]ed|meant|suitable|designed|ready)\\s+)?(?:to\\s+be\\s+used\\s+)?"
                    + "(?:for|in)\\s+(?:use\\s+in\\s+)?production\\b"
                    + "|\\b(?:do\\s+not|don'?t|never)\\s+use\\s+(?:this\\s+)?(?:file\\s+|setup\\s+|stack\\s+)?"
                    + "(?:in|for)\\s+production\\b|\\bnot\\s+production[- ]ready\\b");

    /**
     * An opening comment that states development as the file's use: "this file is for the development setup",
     * "is meant for local development", "for development purposes only", "for demo purposes", "meant for learning";
     * not "for development and production", nor "for development, use compose.dev.yml", which points elsewhere. A
     * comment that also speaks of deploying or of production (other than to rule it out) is about more than
     * development.
     */
    private static final Pattern FOR_DEVELOPMENT = Pattern.compile(
            "\\bfor\\s+(?:the\\s+)?\\W*(?:local\\s+)?\\W*(?:development|dev|debugging|testing|demos?|demonstration"
                    + "|learning|experimenting)(?:\\s+(?:purposes?|only|use|environments?|setups?))?\\b"
                    // "for development and production"; "for development, use compose.dev.yml" points elsewhere
                    + "(?!\\s*(?:and|or|&|/|as\\s+well\\s+as)\\s*(?:prod|production|staging|deployments?)\\b)"
                    + "(?!\\s*[,:;]?\\s*(?:use|see|run|please|refer|check|copy|start|switch)\\b)");

    /**
     * A header that opens by naming the file a development one ("Development environment", "Local dev stack",
     * "Local Development Docker Compose"), or says it serves as one ("serves as development environment").
     */
    private static final Pattern DEVELOPMENT_TITLE = Pattern.compile(
            "^\\W*(?:docker[- ]compose\\s+(?:file\\s+)?)?(?:local\\s+)?(?:development|dev)\\s+(?:environment|setup|stack"
                    + "|only|docker[- ]?compose|compose|configuration|config|services)\\b"
                    + "|\\b(?:serves|used|works)\\s+as\\s+(?:an?\\s+|the\\s+)?(?:local\\s+)?(?:development|dev)\\s+"
                    + "(?:environment|setup|stack)\\b");

    private static final Pattern DEPLOY = Pattern.compile("\\bdeploy|\\bproduction\\b|\\bprod\\b");

    private DevelopmentComposeFiles() {}

    /**
     * The paths of the compose files that are development files by their build targets or their opening
     * comment. A file that builds one service for development and another for production (a legacy or
     * alternative service beside the real ones) is not one.
     */
    public static Set<String> files(ReviewContext context) {
        Set<String> out = new HashSet<>(runningMountedSources(context));
        out.addAll(declaredFiles(context));
        return out;
    }

    /**
     * The compose files that say they are for development by their build targets, their opening comment or a
     * devcontainer.json that starts them as its environment ({@link DevContainers#composeFiles}),
     * without the files that only run mounted sources in development mode (a rule that finds that mode itself
     * cannot take it as a sign).
     */
    public static Set<String> declaredFiles(ReviewContext context) {
        Project project = context.project();
        Set<String> out = new HashSet<>(DevContainers.composeFiles(project));
        for (ComposeProject compose : project.composeProjects()) {
            Map<String, Boolean> allDevelopment = new HashMap<>();
            for (Service service : compose.services().values()) {
                if (service.build() == null) {
                    continue;
                }
                Located<String> target = service.build().target();
                String file = (target != null ? target.node() : service.build().node()).file().path();
                boolean development = target != null && BuiltImage.isDevelopmentStageName(target.value());
                allDevelopment.merge(file, development, Boolean::logicalAnd);
            }
            allDevelopment.forEach((file, development) -> {
                if (development) {
                    out.add(file);
                }
            });
            for (Service service : compose.services().values()) {
                if (service.build() != null && (developmentEnvFile(service) != null || laravelSail(service))) {
                    out.add(service.nameKey().file().path());
                }
            }
            for (ComposeFile file : compose.files()) {
                if (saysDevelopment(file.source())) {
                    out.add(file.source().path());
                }
            }
            out.addAll(localBackingServices(context, compose));
        }
        return out;
    }

    /**
     * The files of a compose project that starts only data stores for an application run on the host: every service
     * a database, cache or broker image (nothing built), every published port bound to the
     * loopback interface, in a project with an application of its own beside it (a Dockerfile or a dependency
     * manifest). That is what {@code docker compose up -d} starts before {@code npm run dev}; a deployment would run
     * the application too, or publish it.
     */
    private static Set<String> localBackingServices(ReviewContext context, ComposeProject compose) {
        Project project = context.project();
        if (compose.services().isEmpty() || project.dockerfiles().isEmpty() && project.manifests().isEmpty()) {
            return Set.of();
        }
        Set<String> files = new HashSet<>();
        for (Service service : compose.services().values()) {
            if (service.build() != null || service.image() == null || DataStores.ofImage(service).isEmpty()
                    || service.ports().stream().anyMatch(p -> !loopback(p.hostIp()))) {
                return Set.of();
            }
            files.add(service.nameKey().file().path());
        }
        return files;
    }

    private static boolean loopback(String hostIp) {
        return hostIp != null && (hostIp.startsWith("127.") || hostIp.equals("::1") || hostIp.equals("[::1]")
                || hostIp.equals("localhost"));
    }

    /**
     * The files that declare a service running the project's sources from the host in development mode: a
     * source mount over the working directory alone is not enough (a production file may mount a configuration
     * file or a socket, which are no source mounts, or keep a source mount by mistake), nor is a development server
     * on mounted sources in a service that is deployed-like ({@link #deployedLike}).
     */
    private static Set<String> runningMountedSources(ReviewContext context) {
        Set<String> out = new HashSet<>();
        for (Container c : context.builtContainers()) {
            if (developsMountedSources(context, c) || mountsSources(context, c) && !deployedLike(context, c)
                    && DevServer.runsDevelopmentServer(context, c)) {
                out.add(c.service().nameKey().file().path());
            }
        }
        return out;
    }

    /**
     * The files in which a service other than {@code except} runs the project's mounted sources from a development
     * stage or with its framework's environment set to development: signs that do not rest on a development server
     * a rule finds in {@code except} itself.
     */
    public static Set<String> developingOtherServices(ReviewContext context, Container except) {
        Set<String> out = new HashSet<>();
        for (Container c : context.builtContainers()) {
            if (c != except && developsMountedSources(context, c)) {
                out.add(c.service().nameKey().file().path());
            }
        }
        return out;
    }

    /**
     * Whether a compose service mounts its whole build context from the host exactly over its image's working
     * directory ({@code .:/app}): what the image was built with is replaced by the checkout on the host, as on a
     * developer's machine; a deployment runs the code built into the image.
     */
    public static boolean mountsWholeSourceOverWorkdir(ReviewContext context, Container c) {
        return SourceMounts.of(context, c).stream().anyMatch(m -> m.whole() && m.target().equals(m.workdir()));
    }

    /**
     * Whether an image is built only for development stacks: every container built from its Dockerfile is a compose
     * service that mounts its whole build context over the working directory (Laravel Sail's {@code
     * .:/var/www/html}) and shows no sign of being deployed ({@link #deployedLike}), and no CI or task file builds the
     * Dockerfile and no Kubernetes manifest is there to run it.
     */
    public static boolean developmentOnlyImage(ReviewContext context, Container c) {
        if (c.service() == null || c.build() == null || !context.project().kubernetesWorkloads().isEmpty()) {
            return false;
        }
        String dockerfile = c.build().dockerfile();
        if (context.project().declaredBuilds().stream().anyMatch(b -> b.dockerfile().equals(dockerfile))) {
            return false;
        }
        return context.project().containers().stream()
                .filter(other -> other.build() != null && other.build().dockerfile().equals(dockerfile))
                .allMatch(other -> other.service() != null && mountsWholeSourceOverWorkdir(context, other)
                        && !ComposeServices.namedForProduction(other.composeFile()) && !deployedLike(context, other));
    }

    /**
     * Whether a compose service runs as a deployment does, whatever it mounts: a restart policy that brings it back
     * after a crash or a reboot of the host ({@code always}, {@code unless-stopped}) together with, in its compose
     * file, a reverse proxy in front (a service of nginx, Traefik, Caddy, HAProxy or httpd) or a host port 80 or 443.
     * A developer's stack is started by hand and answers on a high port; a source mount left in such a file is a
     * deployment that runs the host's checkout.
     */
    public static boolean deployedLike(ReviewContext context, Container c) {
        Service service = c.service();
        if (service == null || service.restart() == null
                || !DEPLOYED_RESTART.contains(service.restart().value().strip())) {
            return false;
        }
        for (Container other : context.project().containers()) {
            if (other.service() == null || !Objects.equals(other.composeFile(), c.composeFile())) {
                continue;
            }
            if (reverseProxy(other) || other.service().ports().stream()
                    .anyMatch(p -> p.publishedStart() == 80 || p.publishedStart() == 443)) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> DEPLOYED_RESTART = Set.of("always", "unless-stopped");
    private static final Set<String> REVERSE_PROXIES = Set.of("nginx", "traefik", "caddy", "haproxy", "httpd",
            "nginxinc/nginx-unprivileged", "jc21/nginx-proxy-manager", "nginxproxy/nginx-proxy", "jwilder/nginx-proxy");

    /** Whether the container runs a reverse proxy's image, pulled or as the base of its build. */
    private static boolean reverseProxy(Container c) {
        String name = null;
        if (c.build() != null) {
            if (c.build().model() != null && c.build().stage() != null
                    && Stages.rootBase(c.build().model(), c.build().stage()) instanceof BaseImage.External external
                    && external.reference() != null) {
                name = external.reference().familiarName();
            }
        } else if (c.image() != null) {
            name = ImageReference.tryParse(c.image()).map(ImageReference::familiarName).orElse(null);
        }
        return name != null && REVERSE_PROXIES.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether an image is built only by services of compose files that declare themselves for development
     * ({@link #declaredFiles}: Laravel Sail's file, development build targets, an opening comment saying so), and no
     * CI or task file builds its Dockerfile and no Kubernetes manifest is there to run it. The image is the stage the
     * container builds: another stage of the same Dockerfile (the nginx stage a production build ends with) makes
     * another image.
     */
    public static boolean builtOnlyForDeclaredDevelopment(ReviewContext context, Container c) {
        if (c.service() == null || c.build() == null || !context.project().kubernetesWorkloads().isEmpty()) {
            return false;
        }
        String dockerfile = c.build().dockerfile();
        if (context.project().declaredBuilds().stream().anyMatch(b -> b.dockerfile().equals(dockerfile))) {
            return false;
        }
        Set<String> declared = declaredFiles(context);
        return context.project().containers().stream()
                .filter(other -> other.build() != null && other.build().dockerfile().equals(dockerfile)
                        && other.build().stage() == c.build().stage())
                .allMatch(other -> other.service() != null && declared.contains(other.composeFile())
                        && !ComposeServices.namedForProduction(other.composeFile()));
    }

    private static boolean mountsSources(ReviewContext context, Container c) {
        return c.service() != null && !SourceMounts.of(context, c).isEmpty();
    }

    /** Whether a compose service runs mounted sources from a development stage or in development mode. */
    private static boolean developsMountedSources(ReviewContext context, Container c) {
        return mountsSources(context, c) && (BuiltImage.isDevelopmentStage(c.build().stage())
                || developmentEnvironment(c.service()) != null);
    }

    /**
     * The variable of the service's compose environment that selects its framework's development mode
     * (NODE_ENV=development, RAILS_ENV=development, DJANGO_SETTINGS_MODULE=site.settings.dev ...), or null.
     */
    static String developmentEnvironment(Service service) {
        for (Service.EnvVar e : service.environment()) {
            String value = e.value() == null ? null : e.value().value();
            if (value == null) {
                continue;
            }
            String v = value.strip().toLowerCase(Locale.ROOT);
            boolean development = switch (e.name()) {
                case "NODE_ENV", "RAILS_ENV", "RACK_ENV", "FLASK_ENV", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT",
                        "APP_ENV" -> v.equals("development") || v.equals("dev") || v.equals("local");
                case "MIX_ENV" -> v.equals("dev");
                case "DJANGO_SETTINGS_MODULE" -> DEVELOPMENT_SETTINGS.matcher(v).matches();
                default -> false;
            };
            if (development) {
                return e.name() + "=" + value.strip();
            }
        }
        return null;
    }

    /**
     * Whether a built service is Laravel Sail's application container: Sail's compose file, which sets
     * {@code LARAVEL_SAIL: 1} in its environment, is Laravel's local development environment (the artisan
     * development server under supervisord, Xdebug, the project mounted over /var/www/html).
     */
    static boolean laravelSail(Service service) {
        return service.environment().stream().anyMatch(e -> e.name().equals("LARAVEL_SAIL") && e.value() != null
                && Set.of("1", "true").contains(e.value().value().strip().toLowerCase(Locale.ROOT)));
    }

    /**
     * The {@code env_file} of a built service that is named for development ({@code .env.dev},
     * {@code .env.development}, {@code .envs/.local/.django}, {@code env/dev.env}), or null: the file that
     * reads it starts the development stack, whatever server its service runs.
     */
    static String developmentEnvFile(Service service) {
        for (Service.EnvFile f : service.envFiles()) {
            String path = f.file() == null ? null : f.file().value();
            if (path == null) {
                continue;
            }
            for (String segment : path.toLowerCase(Locale.ROOT).split("[/\\\\]")) {
                if (DEVELOPMENT_ENV_FILE.matcher(segment).matches()) {
                    return path;
                }
            }
        }
        return null;
    }

    /** A file or folder name of development environment values: .env.dev, .env.development, dev.env, .local. */
    private static final Pattern DEVELOPMENT_ENV_FILE = Pattern.compile(
            "(?:\\.env[._-](?:dev|development|local)|\\.?(?:dev|development)\\.env|\\.local)");

    /** A Django settings module for development: {@code site.settings.dev}, {@code config.settings.local}, {@code settings_dev}. */
    private static final Pattern DEVELOPMENT_SETTINGS = Pattern.compile(
            "(?:.*[._])?(?:dev|develop|development|local)");

    /** Whether the comment lines that open the file say it is for development, not production. */
    static boolean saysDevelopment(SourceFile source) {
        StringBuilder header = new StringBuilder();
        for (int line = 1; line <= source.lineCount(); line++) {
            String text = source.line(line).strip();
            if (text.startsWith("#")) {
                header.append(text.substring(1)).append(' ');
            } else if (!text.isEmpty() && !text.equals("---")) {
                break;
            }
        }
        String comment = header.toString().toLowerCase(Locale.ROOT).strip();
        return NOT_FOR_PRODUCTION.matcher(comment).find()
                || (FOR_DEVELOPMENT.matcher(comment).find() || DEVELOPMENT_TITLE.matcher(comment).find())
                && !DEPLOY.matcher(comment).find();
    }
}
