package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.compose.Variables;
import dev.drydock.core.compose.template.Substitution;
import dev.drydock.core.dotenv.DotEnvEntry;
import dev.drydock.core.dotenv.DotEnvFile;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.EnvFiles;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.ImageTags.Movement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "compose-image-unpinned",
        title = "A compose service runs an image without a version",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "The `image` of every compose service that is pulled, not built (no `build` section, no"
                + " `pull_policy` never or build, not the image another service of the project builds), after"
                + " interpolation: it fires when the reference has no tag, the tag latest, or a tag without any"
                + " version number (stable, edge, lts, nightly, alpine, bookworm ...), and no digest. A major or"
                + " major.minor tag (postgres:16, redis:7.4) passes: that is the pinning the images' own"
                + " documentation recommends for services, and it keeps a data format stable; so does a tag that"
                + " names the PostgreSQL major version in a part of its own (pgvector/pgvector:pg17 or pg17-trixie,"
                + " like postgres:17), unless another part is latest (timescale/timescaledb:latest-pg17). References whose"
                + " variable is not set are left alone, and so are those whose default"
                + " the template of the missing .env (.env.example, example.env) replaces with a version: the .env made"
                + " from it runs that version. When a variable gives the tag (`outline:${OUTLINE_VERSION}`),"
                + " the recommendation is to set that variable to a version where its value comes from (the .env"
                + " file and line that define it, or its default), not to edit `image:`; a variable that gives only"
                + " the registry or repository stays as written in the recommended `image:`."
                + " Services that take the key from one YAML anchor (`<<: *defaults`) get one finding there,"
                + " naming them all.",
        problem = "A tag without a version is re-pointed at every release: the next `docker compose pull` or a new"
                + " host runs another major version than the one that was tested.",
        impact = "A database or broker jumps a major version on a redeploy (PostgreSQL then refuses its own data"
                + " directory), an application breaks on an API change, and rolling back means guessing which version"
                + " ran before.",
        recommendation = "Name the version (postgres:16.6, or at least postgres:16) and, to make a deployment"
                + " reproducible, its digest (image:1.2.3@sha256:...); let Dependabot or Renovate propose updates.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#image",
                "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions"},
        aliases = {"service-image-require-explicit-tag"},
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          db:
                            image: postgres:latest
                        """,
                good = """
                        services:
                          db:
                            image: postgres:16.6
                        """))
public final class ComposeImageUnpinned implements Rule {

    /** Words of official images' tags that name a variant (a distribution, a server, a flavour), not a version. */
    private static final Set<String> VARIANTS = Set.of("alpine", "apache", "fpm", "slim", "bookworm", "bullseye",
            "buster", "trixie", "jammy", "noble", "focal", "cli", "zts", "perl", "otel");

    @Override
    public void check(ReviewContext context) {
        List<ComposeServices.Ref> unpinned = new ArrayList<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            if (movement(ref.compose(), ref.service()).isPresent() && !pinnedByTemplate(context, ref)) {
                unpinned.add(ref);
            }
        }
        for (List<ComposeServices.Ref> group : ComposeServices.byLocation(unpinned,
                ref -> ComposeServices.location(ref.service().image().node()))) {
            report(context, group);
        }
    }

    /** How far the service's image tag moves, when it is one this rule reports. */
    private static Optional<Movement> movement(ComposeProject compose, Service service) {
        return ComposeServices.pulledImage(compose, service).flatMap(ComposeImageUnpinned::movement)
                .filter(m -> m != Movement.MAJOR && m != Movement.MINOR);
    }

    /**
     * How far the reference moves. A tag that names the PostgreSQL major version in a part of its own
     * ({@code pgvector/pgvector:pg17}) keeps the server's major version as {@code postgres:17} does, unless a part
     * of it is latest ({@code timescale/timescaledb:latest-pg17}, whose TimescaleDB follows every release).
     */
    private static Optional<Movement> movement(ImageReference reference) {
        Optional<Movement> movement = ImageTags.movement(reference);
        if (movement.isPresent() && movement.get() == Movement.NO_VERSION && ImageTags.namesPostgresMajor(reference)) {
            return Optional.of(ImageTags.hasLatestPart(reference) ? Movement.LATEST : Movement.MAJOR);
        }
        return movement;
    }

    private void report(ReviewContext context, List<ComposeServices.Ref> group) {
        ComposeServices.Ref first = group.get(0);
        Located<String> image = first.service().image();
        ImageReference reference = ImageReference.tryParse(image.value()).orElseThrow();
        String why = switch (movement(first.compose(), first.service()).orElseThrow()) {
            case NO_TAG -> "has no tag, so Compose pulls " + reference.familiarName() + ":latest";
            case LATEST -> reference.isLatest() ? "uses the tag latest"
                    : "uses the tag " + reference.tag() + ", whose latest part follows every release";
            default -> "uses the tag " + reference.tag() + ", which names no version";
        };
        List<String> names = group.stream().map(ComposeServices.Ref::name).toList();
        ScalarNode scalar = image.node() instanceof ScalarNode s ? s : null;
        List<Substitution> tagVariables = scalar == null ? List.of() : tagVariables(scalar);
        String running = "the one running now: `docker compose images " + first.name() + "`";
        String from;
        String recommendation;
        if (tagVariables.isEmpty()) {
            from = "";
            String name = scalar != null && !scalar.substitutions().isEmpty() ? writtenName(scalar.raw())
                    : reference.familiarName();
            recommendation = "Pin a version: `image: " + name + ":X.Y.Z" + variantSuffix(reference) + "` (" + running
                    + "), and add its digest for a"
                    + " reproducible deployment.";
        } else {
            Variables variables = first.compose().variables();
            List<String> origins = new ArrayList<>();
            List<String> advice = new ArrayList<>();
            for (Substitution sub : tagVariables) {
                String pinned = sub.name() + "=" + pinnedValue(scalar.raw(), sub);
                Optional<DotEnvFile> dotEnv = sub.isSet() ? variables.dotEnvFileOf(sub.name()) : Optional.empty();
                Optional<Documented> documented = sub.usedDefault()
                        ? documented(context, first.compose(), sub.name()) : Optional.empty();
                if (documented.isPresent()) {
                    String where = documented.get().template() + " line "
                            + documented.get().entry().span().startLine();
                    origins.add("$" + sub.name() + ", " + documented.get().entry().value() + " in " + where
                            + ", the template of the deployment's .env, as by its default");
                    advice.add("set " + pinned + " in " + where + " (and in the .env made from it)");
                } else if (sub.usedDefault()) {
                    origins.add("the default of $" + sub.name() + ", which nothing in the project sets");
                    advice.add("set " + pinned + " in the deployment's .env (or write the version as the"
                            + " default in `" + scalar.raw().substring(sub.start(), sub.end()) + "`)");
                } else if (dotEnv.isPresent()) {
                    String where = dotEnv.get().file().path() + " line "
                            + dotEnv.get().entry(sub.name()).orElseThrow().span().startLine();
                    origins.add("$" + sub.name() + ", set in " + where);
                    advice.add("set " + pinned + " in " + where + ", where it is defined");
                } else {
                    origins.add("$" + sub.name() + ", set where Compose runs");
                    advice.add("set " + pinned + " where the deployment sets it");
                }
            }
            from = " (" + String.join("; ", origins) + ")";
            String advised = String.join(", and ", advice);
            recommendation = Character.toUpperCase(advised.charAt(0)) + advised.substring(1) + ", X.Y.Z being the"
                    + " version to run (" + running + "); `image:` takes its tag from there and stays as it is. A"
                    + " digest can follow the version in the same value (X.Y.Z@sha256:...) for a reproducible"
                    + " deployment.";
        }
        context.finding(this, ComposeServices.location(image.node()), "the image " + image.value() + from + " of "
                        + ComposeServices.names(names) + " " + why + ": whatever was published last runs, and the"
                        + " next pull on another host may bring another major version")
                .severity(group.stream().allMatch(ComposeServices.Ref::inDevelopmentFile) ? Severity.LOW
                        : Severity.MEDIUM)
                .recommendation(recommendation)
                .add();
    }

    /** A variable's statement in the template of the compose project's .env, and that template's path. */
    private record Documented(String template, DotEnvEntry entry) {}

    /**
     * The statement of the template of the compose project's .env ({@code .env.example}, {@code example.env}) that
     * gives a variable a value, when that .env is not in the checkout: the .env made from the template sets it.
     */
    private static Optional<Documented> documented(ReviewContext context, ComposeProject compose, String name) {
        var project = context.project();
        String dotEnv = EnvFiles.composeDotEnv(project, compose);
        if (project.files().exists(dotEnv)) {
            return Optional.empty();
        }
        return EnvFiles.template(project, dotEnv).flatMap(t -> EnvFiles.entries(project, t.path()).stream()
                .filter(e -> e.key().equals(name) && e.value() != null && !e.value().isBlank())
                .reduce((earlier, later) -> later)
                .map(e -> new Documented(t.path(), e)));
    }

    /**
     * Whether the image takes its tag from a default that the template of the .env overrides with a version
     * ({@code app:${APP_VERSION:-latest}} beside {@code APP_VERSION=2.4.1} in .env.example): the .env made from the
     * template runs that version.
     */
    private static boolean pinnedByTemplate(ReviewContext context, ComposeServices.Ref ref) {
        if (!(ref.service().image().node() instanceof ScalarNode scalar)) {
            return false;
        }
        String raw = scalar.raw();
        StringBuilder image = new StringBuilder();
        int at = 0;
        boolean documented = false;
        for (Substitution sub : scalar.substitutions()) {
            if (sub.nested() || sub.start() < at) {
                continue;
            }
            image.append(raw, at, sub.start());
            Optional<Documented> value = sub.usedDefault()
                    ? documented(context, ref.compose(), sub.name()) : Optional.empty();
            documented |= value.isPresent();
            String result = value.map(d -> d.entry().value()).orElse(sub.result());
            image.append(result == null ? "" : result);
            at = sub.end();
        }
        image.append(raw.substring(Math.min(at, raw.length())));
        return documented && ImageReference.tryParse(image.toString()).filter(ImageReference::isImage)
                .map(reference -> movement(reference).filter(m -> m != Movement.MAJOR && m != Movement.MINOR).isEmpty())
                .orElse(false);
    }

    /**
     * The variant the tag names and a pinned tag has to keep, "-alpine" for {@code redis:alpine}, "-fpm-alpine"
     * for {@code nextcloud:fpm-alpine} and "-pg17" for {@code timescale/timescaledb:latest-pg17}: {@code redis:X.Y.Z}
     * would be another image, Debian instead of Alpine.
     */
    private static String variantSuffix(ImageReference reference) {
        String tag = reference.tag();
        if (tag == null || tag.isEmpty()) {
            return "";
        }
        boolean postgresMajor = ImageTags.namesPostgresMajor(reference);
        List<String> kept = new ArrayList<>();
        for (String part : tag.split("-")) {
            if (postgresMajor && part.equalsIgnoreCase("latest")) {
                continue;
            }
            if (!VARIANTS.contains(part) && !(postgresMajor && ImageTags.isPostgresMajorPart(part))) {
                return "";
            }
            kept.add(part);
        }
        return kept.isEmpty() ? "" : "-" + String.join("-", kept);
    }

    /**
     * The variables whose value is (part of) the tag as written: {@code ${OUTLINE_VERSION}} in
     * {@code ${REGISTRY:-docker.io}/outline:${OUTLINE_VERSION}}, or a variable after the last '/' that holds the
     * tag with the name ({@code ${IMAGE}}); not one that sets the registry or the repository.
     */
    private static List<Substitution> tagVariables(ScalarNode scalar) {
        String raw = scalar.raw();
        int tagStart = nameEnd(raw);
        boolean literalTag = tagStart < raw.length() && raw.charAt(tagStart) == ':';
        return scalar.substitutions().stream()
                .filter(sub -> !sub.nested() && sub.end() > tagStart)
                .filter(sub -> literalTag || onlySubstitutionsAfter(scalar, sub))
                .toList();
    }

    /**
     * Whether nothing but other variables follows the variable: one followed by written text ({@code app-php} in
     * {@code ${IMAGES_PREFIX:-}app-php}) is a prefix of the name, and the tag, if any, comes after that text.
     */
    private static boolean onlySubstitutionsAfter(ScalarNode scalar, Substitution sub) {
        int at = sub.end();
        for (Substitution next : scalar.substitutions()) {
            if (!next.nested() && next.start() == at) {
                at = next.end();
            }
        }
        return at >= scalar.raw().length();
    }

    /** The image's name as written, without its tag: up to the tag's ':' when there is one, else all of it. */
    private static String writtenName(String raw) {
        int end = nameEnd(raw);
        return end < raw.length() && raw.charAt(end) == ':' ? raw.substring(0, end) : raw;
    }

    /**
     * The value that pins the tag a variable gives: the version alone when it is the tag ({@code outline:${TAG}}),
     * else the name its value holds with the version as tag ({@code SNUBA_IMAGE=getsentry/snuba:X.Y.Z}).
     */
    private static String pinnedValue(String raw, Substitution sub) {
        int nameEnd = nameEnd(raw);
        if (nameEnd < raw.length() && raw.charAt(nameEnd) == ':' && sub.start() > nameEnd) {
            return "X.Y.Z";
        }
        String value = sub.result() == null ? "" : sub.result();
        int colon = value.indexOf(':', value.lastIndexOf('/') + 1);
        int at = value.indexOf('@');
        int end = colon >= 0 ? colon : at >= 0 ? at : value.length();
        return value.substring(0, end) + ":X.Y.Z";
    }

    /**
     * Where the image's name ends in the text as written, before interpolation: at the ':' of its tag (outside any
     * ${...}), else at its end, or at the start of the last segment when a variable there may hold the tag too.
     */
    private static int nameEnd(String raw) {
        int depth = 0;
        int slash = -1;
        int colon = -1;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '$' && i + 1 < raw.length() && raw.charAt(i + 1) == '{') {
                depth++;
                i++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (depth == 0 && c == '/') {
                slash = i;
                colon = -1;
            } else if (depth == 0 && c == ':') {
                colon = i;
            } else if (depth == 0 && c == '@') {
                break;
            }
        }
        if (colon >= 0) {
            return colon;
        }
        boolean variableInLastSegment = raw.indexOf('$', slash + 1) >= 0;
        return variableInLastSegment ? slash + 1 : raw.length();
    }
}
