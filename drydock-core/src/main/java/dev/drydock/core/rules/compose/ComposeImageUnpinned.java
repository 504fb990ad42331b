package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.compose.template.Substitution;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.ImageTags.Movement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@RuleDefinition(
        id = "compose-image-unpinned",
        title = "A compose service runs an image without a version",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "The `image` of every compose service that is pulled, not built (no `build` section), after"
                + " interpolation: it fires when the reference has no tag, the tag latest, or a tag without any"
                + " version number (stable, edge, lts, nightly, alpine, bookworm ...), and no digest. A major or"
                + " major.minor tag (postgres:16, redis:7.4) passes: that is the pinning the images' own"
                + " documentation recommends for services, and it keeps a data format stable. References whose"
                + " variable is not set are left alone."
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

    @Override
    public void check(ReviewContext context) {
        List<ComposeServices.Ref> unpinned = new ArrayList<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            if (movement(ref.service()).isPresent()) {
                unpinned.add(ref);
            }
        }
        for (List<ComposeServices.Ref> group : ComposeServices.byLocation(unpinned,
                ref -> ComposeServices.location(ref.service().image().node()))) {
            report(context, group);
        }
    }

    /** How far the service's image tag moves, when it is one this rule reports. */
    private static Optional<Movement> movement(Service service) {
        return ComposeServices.pulledImage(service).flatMap(ImageTags::movement)
                .filter(m -> m != Movement.MAJOR && m != Movement.MINOR);
    }

    private void report(ReviewContext context, List<ComposeServices.Ref> group) {
        ComposeServices.Ref first = group.get(0);
        Located<String> image = first.service().image();
        ImageReference reference = ImageReference.tryParse(image.value()).orElseThrow();
        String why = switch (movement(first.service()).orElseThrow()) {
            case NO_TAG -> "has no tag, so Compose pulls " + reference.familiarName() + ":latest";
            case LATEST -> reference.isLatest() ? "uses the tag latest"
                    : "uses the tag " + reference.tag() + ", whose latest part follows every release";
            default -> "uses the tag " + reference.tag() + ", which names no version";
        };
        List<String> names = group.stream().map(ComposeServices.Ref::name).toList();
        List<String> defaulted = image.node() instanceof ScalarNode scalar ? scalar.substitutions().stream()
                .filter(sub -> sub.usedDefault() && inTag(reference, sub)).map(Substitution::name).distinct().toList()
                : List.of();
        String from = defaulted.isEmpty() ? "" : " (the default of " + String.join(" and ", defaulted.stream()
                .map(n -> "$" + n).toList()) + ", which nothing in the project sets)";
        context.finding(this, ComposeServices.location(image.node()), "the image " + image.value() + from + " of "
                        + ComposeServices.names(names) + " " + why + ": whatever was published last runs, and the"
                        + " next pull on another host may bring another major version")
                .severity(group.stream().allMatch(ComposeServices.Ref::inDevelopmentFile) ? Severity.LOW
                        : Severity.MEDIUM)
                .recommendation((defaulted.isEmpty() ? "" : "Set " + String.join(" and ", defaulted)
                        + " in the deployment's .env, or make the default a version. ") + "Pin a version: `image: "
                        + reference.familiarName() + ":X.Y.Z` (the one running now: `docker compose images "
                        + first.name() + "`), and add its digest for a reproducible deployment.")
                .add();
    }

    /** Whether a variable's default is (part of) the tag: not the registry or the repository it also sets. */
    private static boolean inTag(ImageReference reference, Substitution sub) {
        return reference.tag() != null && sub.argument() != null && !sub.argument().isEmpty()
                && reference.tag().contains(sub.argument());
    }
}
