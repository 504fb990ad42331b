package dev.drydock.core.rules.support;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.SeqNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Questions about compose services that several rules ask. */
public final class ComposeServices {

    private static final Pattern WORD_SEPARATORS = Pattern.compile("[._-]");

    private static final Set<String> PRODUCTION_WORDS = Set.of("prod", "production", "prd");

    private static final Set<String> DEVELOPMENT_WORDS =
            Set.of("dev", "devel", "develop", "development", "local", "test", "tests", "testing", "ci", "debug", "override", "e2e");

    private ComposeServices() {}

    /**
     * A service of a compose project.
     *
     * @param developmentServices whether its file is a development file by what it holds: Spring Boot's
     *     development services ({@link SpringDevServices}), or a development build target or opening comment
     *     ({@link DevelopmentComposeFiles})
     * @param declaration where the service is declared: its name key in the first file that defines it, as an
     *     override file only changes a service of the base file (in a variant's project, the variant's key, as
     *     the variant's findings are told apart from the base's by it)
     */
    public record Ref(ComposeProject compose, Service service, boolean developmentServices, Location declaration) {

        /** The file that declares the service. */
        public String file() {
            return declaration.file();
        }

        /** Whether the service is declared in a file meant for development (see {@link #isDevelopmentFile}). */
        public boolean inDevelopmentFile() {
            return developmentServices || isDevelopmentFile(file());
        }

        public String name() {
            return service.name();
        }

        /** The service's name key, for findings about something the service lacks. */
        public Location nameLocation() {
            return declaration;
        }
    }

    /**
     * The complete services of every compose project, each once: a service that has neither
     * {@code image} nor {@code build} is a fragment of a file meant to be layered over another one
     * ({@code -f base.yml -f dev.yml}) and is left out; so is, in the project of a variant file read over its base
     * file, a service only the base defines (its base's project has it). Found once per review: most compose rules ask.
     */
    public static List<Ref> services(ReviewContext context) {
        return context.memo("compose-services", ComposeServices.class, ComposeServices::collect);
    }

    /** The container of a compose service (the first, where a variant's project has it too), or null. */
    public static Container container(ReviewContext context, Service service) {
        Map<Service, Container> byService = context.memo("compose-service containers", ComposeServices.class, () -> {
            Map<Service, Container> first = new IdentityHashMap<>();
            for (Container c : context.project().containers()) {
                if (c.service() != null) {
                    first.putIfAbsent(c.service(), c);
                }
            }
            return first;
        });
        return byService.get(service);
    }

    private static List<Ref> collect(ReviewContext context) {
        Project project = context.project();
        List<Ref> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> developmentServices = context.memo("development-compose-files", ComposeServices.class,
                ComposeServices::developmentFiles);
        for (ComposeProject compose : project.composeProjects()) {
            for (Service service : compose.services().values()) {
                if (service.image() == null && service.build() == null || !project.reviews(compose, service)) {
                    continue;
                }
                String key = compose.files().stream().map(f -> f.displayPath()).toList() + "\n" + service.name();
                if (seen.add(key)) {
                    boolean variant = project.composeVariants().stream().anyMatch(v -> v.project() == compose);
                    out.add(new Ref(compose, service,
                            developmentServices.contains(service.nameKey().file().path()),
                            variant ? location(service.nameKey()) : declaration(service)));
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The service's name key in the file that defines it first: the merged service keeps that file's mapping,
     * while its name key is the last file's that changed it (an override file adding ports to a service of the
     * base file). Found in the text, as the loader keeps only the last key.
     */
    private static Location declaration(Service service) {
        ScalarNode key = service.nameKey();
        Node node = service.node();
        if (node.file().path().equals(key.file().path())) {
            return location(key);
        }
        var file = node.file();
        Pattern named = Pattern.compile("^(\\s*)(['\"]?)" + Pattern.quote(service.name()) + "\\2\\s*:");
        for (int line = node.line(); line >= 1; line--) {
            var m = named.matcher(file.line(line));
            if (m.find() && (line < node.line() ? m.group(1).length() < node.column() - 1 : m.end() < node.column())) {
                int start = file.lineStart(line) + m.group(1).length();
                return new Location(file.path(), file.span(start, start + m.group(2).length() * 2
                        + service.name().length()));
            }
        }
        return location(key);
    }

    /**
     * Whether Compose starts the target before the service: a depends_on or a legacy {@code links} entry names it
     * ({@code db} or {@code db:alias}), directly or through services that depend on it in turn (the application
     * waits for the API, which waits for the database); also true when the target never runs (scaled to zero).
     */
    public static boolean startsBefore(ComposeProject compose, Service service, Service target) {
        if (scaledToZero(target)) {
            return true;
        }
        Set<String> seen = new HashSet<>();
        List<Service> pending = new ArrayList<>(List.of(service));
        while (!pending.isEmpty()) {
            Service next = pending.remove(pending.size() - 1);
            if (!seen.add(next.name())) {
                continue;
            }
            for (String name : startedFirst(next)) {
                if (name.equals(target.name())) {
                    return true;
                }
                Service dependency = compose.services().get(name);
                if (dependency != null) {
                    pending.add(dependency);
                }
            }
        }
        return false;
    }

    /** The services a service's depends_on and legacy {@code links} entries ({@code db} or {@code db:alias}) name. */
    private static List<String> startedFirst(Service service) {
        List<String> names = new ArrayList<>();
        service.dependsOn().forEach(d -> names.add(d.service()));
        SeqNode links = service.node().seq("links");
        if (links != null) {
            links.items().stream().filter(item -> item instanceof ScalarNode link && link.value() != null)
                    .forEach(item -> names.add(((ScalarNode) item).value().split(":")[0].strip()));
        }
        return names;
    }

    /** The services another service of the project waits for with {@code condition: service_completed_successfully}. */
    public static Set<String> awaitedToComplete(ComposeProject compose) {
        Set<String> names = new HashSet<>();
        for (Service other : compose.services().values()) {
            for (Service.Dependency d : other.dependsOn()) {
                if (d.conditionOrDefault().equals("service_completed_successfully")) {
                    names.add(d.service());
                }
            }
        }
        return names;
    }

    /**
     * The services of its project that wait for this one with {@code condition: service_healthy}, each with where
     * the condition is written ("proxy (compose.yaml line 69)"): they do not start until its healthcheck passes.
     */
    public static List<String> awaitingHealthy(Project project, Service service) {
        List<String> out = new ArrayList<>();
        for (ComposeProject compose : project.composeProjects()) {
            if (compose.services().get(service.name()) != service) {
                continue;
            }
            for (Service other : compose.services().values()) {
                for (Service.Dependency d : other.dependsOn()) {
                    if (d.service().equals(service.name()) && d.condition() != null
                            && d.condition().value().equals("service_healthy")) {
                        out.add(other.name() + " (" + d.condition().file().path() + " line " + d.condition().line() + ")");
                    }
                }
            }
        }
        return out;
    }

    /** For a message about a probe that always fails: the services of {@link #awaitingHealthy} that never start. */
    public static String neverStart(List<String> waiting) {
        if (waiting.isEmpty()) {
            return "";
        }
        return "; " + String.join(", ", waiting) + (waiting.size() == 1 ? " waits" : " wait")
                + " for it to be healthy (condition: service_healthy) and so never start" + (waiting.size() == 1 ? "s" : "");
    }

    /**
     * Whether the service is a job that runs to completion: another service of its project waits for it with
     * {@code condition: service_completed_successfully} (migrations, a prestart script).
     */
    public static boolean runsToCompletion(ReviewContext context, Service service) {
        for (ComposeProject compose : context.project().composeProjects()) {
            if (compose.services().get(service.name()) == service) {
                return awaitedToComplete(context, compose).contains(service.name());
            }
        }
        return false;
    }

    /** {@link #awaitedToComplete(ComposeProject)}, worked out once per review and compose project. */
    public static Set<String> awaitedToComplete(ReviewContext context, ComposeProject compose) {
        return context.memo("services-awaited-to-complete", compose, () -> awaitedToComplete(compose));
    }

    /**
     * Whether a file that is not meant for development writes some of the service's keys: {@code backend} in
     * compose.yml with its command only replaced in compose.override.yml, which the deployment leaves out.
     */
    public static boolean declaredOutsideDevelopmentFiles(ReviewContext context, Service service) {
        return service.node().entries().stream().map(e -> e.key().file().path()).distinct()
                .anyMatch(file -> !isDevelopmentFile(context, file));
    }

    /**
     * Whether a compose file is meant for development: by its name (see {@link #isDevelopmentFile(String)}),
     * as the file of Spring Boot's development services ({@link SpringDevServices}), or as one that builds a
     * service's development stage, says it is for development or runs the project's mounted sources in
     * development mode ({@link DevelopmentComposeFiles}).
     */
    public static boolean isDevelopmentFile(ReviewContext context, String path) {
        return isDevelopmentFile(path) || !namedForProduction(path) && context.memo("development-compose-files",
                ComposeServices.class, ComposeServices::developmentFiles).contains(path);
    }

    /**
     * Whether a compose file's name says it deploys: {@code docker-compose.prod.yml}, {@code compose.production.yaml}.
     * What such a file holds (a source mount left in it, a service started as in development) does not make it a
     * development file: it is the one a deployment runs.
     */
    public static boolean namedForProduction(String path) {
        if (path == null || isDevelopmentFile(path)) {
            return false;
        }
        for (String word : WORD_SEPARATORS.split(PathNames.fileName(path).toLowerCase(Locale.ROOT))) {
            if (PRODUCTION_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** The compose files that are development files by what they hold rather than by their name. */
    private static Set<String> developmentFiles(ReviewContext context) {
        Set<String> files = new HashSet<>(SpringDevServices.files(context.project()));
        files.addAll(DevelopmentComposeFiles.files(context));
        return files;
    }

    /**
     * Whether a compose file is meant for development: {@code compose.override.yml} (which Compose
     * layers over the base file on developers' machines), {@code docker-compose.dev.yml},
     * {@code compose.local.yaml}, {@code docker-compose.test.yml} and the like, or a file in a folder named so
     * ({@code dev/docker-compose.yml}, {@code .devcontainer/compose.yaml}).
     */
    public static boolean isDevelopmentFile(String path) {
        if (hasDevelopmentWord(PathNames.fileName(path))) {
            return true;
        }
        String folder = PathNames.fileName(PathNames.parent(path)).toLowerCase(Locale.ROOT);
        return folder.equals(".devcontainer") || hasDevelopmentWord(folder);
    }

    private static boolean hasDevelopmentWord(String name) {
        for (String word : WORD_SEPARATORS.split(name.toLowerCase(Locale.ROOT))) {
            if (DEVELOPMENT_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code docker compose up} creates no container of the service: {@code deploy.replicas: 0} or
     * {@code scale: 0} (Compose v2 skips services with zero replicas; such a service runs only when asked by name,
     * {@code docker compose run}, or when another file raises its replicas).
     */
    public static boolean scaledToZero(Service service) {
        if (service.deploy() != null && service.deploy().replicas() != null
                && service.deploy().replicas().value() == 0L) {
            return true;
        }
        ScalarNode scale = service.node().scalar("scale");
        return scale != null && scale.value().strip().equals("0");
    }

    /**
     * The image a service runs as it is pulled: its {@code image:} when it has no build section and every
     * variable in the reference is set; empty otherwise, or when the reference does not parse or names no image
     * ({@code scratch}).
     */
    public static Optional<ImageReference> pulledImage(Service service) {
        Located<String> image = service.image();
        if (image == null || service.build() != null || image.node() instanceof ScalarNode s
                && s.substitutions().stream().anyMatch(sub -> sub.isMissing())) {
            return Optional.empty();
        }
        return ImageReference.tryParse(image.value()).filter(ImageReference::isImage);
    }

    /**
     * The image a service of {@code compose} pulls from a registry: {@link #pulledImage(Service)}, but empty when
     * Compose never pulls it ({@code pull_policy: never}, or {@code build}) or when another service of the project
     * builds an image of that name (a worker that runs the image the web service builds, `image: app:local`).
     */
    public static Optional<ImageReference> pulledImage(ComposeProject compose, Service service) {
        Optional<ImageReference> pulled = pulledImage(service);
        if (pulled.isEmpty()) {
            return pulled;
        }
        String policy = service.pullPolicy() == null ? "" : service.pullPolicy().value().strip();
        if (policy.equals("never") || policy.equals("build")) {
            return Optional.empty();
        }
        String name = pulled.get().canonicalString();
        boolean built = compose.services().values().stream()
                .filter(other -> other != service && other.build() != null && other.image() != null)
                .anyMatch(other -> ImageReference.tryParse(other.image().value())
                        .map(ImageReference::canonicalString).filter(name::equals).isPresent());
        return built ? Optional.empty() : pulled;
    }

    /**
     * Items grouped by the location a finding about them would point at, in first-seen order: services
     * that take a key from one YAML anchor or extension field ({@code <<: *defaults}) share its node, and
     * one finding there, naming them all, says what one edit there fixes.
     */
    public static <T> Collection<List<T>> byLocation(List<T> items, Function<T, Location> location) {
        Map<Location, List<T>> groups = new LinkedHashMap<>();
        for (T item : items) {
            groups.computeIfAbsent(location.apply(item), l -> new ArrayList<>()).add(item);
        }
        return groups.values();
    }

    /**
     * Services that pull an image grouped by the image as written in one compose file, in first-seen order: a finding
     * about the image (its release line has ended) says it once, naming every service that runs it, whether they
     * share one {@code image:} through a YAML anchor or each writes its own.
     */
    public static Collection<List<Ref>> byPulledImage(List<Ref> refs) {
        Map<String, List<Ref>> groups = new LinkedHashMap<>();
        for (Ref ref : refs) {
            groups.computeIfAbsent(ref.file() + "\n" + ref.service().image().value(), k -> new ArrayList<>()).add(ref);
        }
        return groups.values();
    }

    /**
     * Where a group of {@link #byPulledImage} writes its image when that is more than one {@code image:} line, for
     * its message: " (image: at lines 291 and 324)"; else "".
     */
    public static String imageLines(List<Ref> group) {
        List<Integer> lines = group.stream().map(ref -> location(ref.service().image().node()).span().startLine())
                .distinct().sorted().toList();
        if (lines.size() < 2) {
            return "";
        }
        List<String> shown = lines.stream().map(String::valueOf).toList();
        return " (image: at lines " + String.join(", ", shown.subList(0, shown.size() - 1)) + " and "
                + shown.get(shown.size() - 1) + ")";
    }

    /**
     * The key of the mapping a service takes what it runs from ({@code image}, else {@code build}) when that
     * mapping is not the service's own: a YAML anchor it merges ({@code x-defaults: &defaults} with
     * {@code <<: *defaults}), or the service it is an alias of. Every service that runs the anchor's image
     * shares this key, so a setting they all lack is added there once. Null when the service writes its own
     * image and build, or the anchor is not found in the project's merged file.
     */
    public static ScalarNode sharedBase(ReviewContext context, ComposeProject compose, Service service) {
        MapNode.Entry base = sharedBaseEntry(context, compose, service);
        return base == null ? null : base.key();
    }

    /** The entry of {@link #sharedBase}: its key and the mapping a setting the services share is written into. */
    public static MapNode.Entry sharedBaseEntry(ReviewContext context, ComposeProject compose, Service service) {
        MapNode.Entry runs = service.node().entry("image") != null ? service.node().entry("image")
                : service.node().entry("build");
        if (runs == null) {
            return null;
        }
        MapNode.Entry base = definingEntry(context, compose, runs.key());
        return base == null || sameNode(base.key(), service.nameKey()) ? null : base;
    }

    /**
     * The key of the mapping that writes {@code key} where it is defined, not where an alias or a merge key
     * copies it: {@code x-defaults} for an entry of {@code x-defaults: &defaults}, a service's name for its own
     * entries. Null when the project's merged file does not hold it.
     */
    public static ScalarNode writtenUnder(ReviewContext context, ComposeProject compose, ScalarNode key) {
        MapNode.Entry entry = definingEntry(context, compose, key);
        return entry == null ? null : entry.key();
    }

    private static MapNode.Entry definingEntry(ReviewContext context, ComposeProject compose, ScalarNode key) {
        return context.memo("compose-defining-mappings", compose, () -> new DefiningMappings(compose.root())).owner(key);
    }

    /**
     * Where a finding about something a service lacks points: the key of its {@link #sharedBase} when it has one
     * (services grouped there with {@link #byLocation} get one finding), else its name.
     */
    public static Location whereShared(ReviewContext context, Ref ref) {
        ScalarNode base = sharedBase(context, ref.compose(), ref.service());
        return base != null ? location(base) : ref.nameLocation();
    }

    /** The name of the mapping a group of services from {@link #whereShared} shares ({@code x-defaults}). */
    public static String sharedName(ReviewContext context, List<Ref> group) {
        for (Ref ref : group) {
            ScalarNode base = sharedBase(context, ref.compose(), ref.service());
            if (base != null) {
                return base.value();
            }
        }
        return group.get(0).name();
    }

    private static boolean sameNode(Node a, Node b) {
        return a.file().path().equals(b.file().path()) && a.span().equals(b.span());
    }

    /** Service names for a message: "web", "web and worker", "web, worker and cron"; past four, the first three and a count. */
    public static String names(List<String> services) {
        List<String> names = services.stream().distinct().toList(); // a service loaded by two compose projects
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.size() > 4) {
            return String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more services";
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** Where an environment variable of a service is written: its key in the map form, its item in the list form. */
    public static Location envEntry(Service service, Service.EnvVar env) {
        if (env.listForm()) {
            return location(env.node());
        }
        MapNode environment = service.node().map("environment");
        Location keyed = environment == null ? null : keyed(environment, env.name());
        return keyed != null ? keyed : location(env.node());
    }

    /** A node's location. */
    public static Location location(Node node) {
        return new Location(node.file().path(), node.span());
    }

    /**
     * The location of a key and its value ({@code healthcheck:} and the mapping under it), or of the
     * value alone when an override file set the value under a key written elsewhere; null when absent.
     */
    public static Location keyed(MapNode map, String key) {
        MapNode.Entry entry = map == null ? null : map.entry(key);
        if (entry == null) {
            return null;
        }
        Node value = entry.value();
        if (value.file() != entry.key().file()) {
            return location(value);
        }
        return new Location(entry.key().file().path(), Spans.cover(entry.key().span(), value.span()));
    }

    /** The location of a mapping value together with its key ({@code version: '3.8'}); the value's alone in a list. */
    public static Location keyed(Located<?> value) {
        if (value.key() == null || value.key().file() != value.file()
                || value.span().start() < value.key().span().start()) {
            return location(value.node()); // in another file, or an alias of an anchor written before its key
        }
        return new Location(value.file().path(), Spans.cover(value.key().span(), value.span()));
    }

    /** An absolute path (an env_file, a compose project folder) relative to the project root, or null outside it. */
    public static String projectPath(Project project, Path path) {
        Path abs = path.toAbsolutePath().normalize();
        if (!abs.startsWith(project.root())) {
            return null;
        }
        return PathNames.normalizeRelative(project.root().relativize(abs).toString().replace('\\', '/'));
    }

    /** {@code file:line} of a node, for messages. */
    public static String where(Node node) {
        return node.file().path() + ":" + node.line();
    }
}
