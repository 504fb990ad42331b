package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.DeclaredBuild;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The image names the project builds and tags itself: a compose service with both {@code build} and {@code image},
 * or a build that a CI or task file spells out with a literal tag ({@code docker build -t org/app:base -f
 * base.Dockerfile .}). A name whose tag is only known when the build runs ({@code org/app:$VERSION}, GoReleaser's
 * {@code org/app:{{ .Tag }}}) makes every tag of its repository the project's. A Dockerfile that starts FROM one of
 * them uses the project's own image, not one a third party publishes. Images under the registry name localhost are local too: podman and buildah name what they build
 * localhost/NAME, and a registry on localhost is the build machine's own.
 */
public final class LocallyBuiltImages {

    private LocallyBuiltImages() {}

    /** Whether {@code reference} names an image the project builds. */
    public static boolean contains(ReviewContext context, ImageReference reference) {
        return reference != null && reference.isImage() && !reference.isPinnedByDigest()
                && (onLocalhost(reference) || known(names(context), reference));
    }

    /**
     * The FROM of another Dockerfile of the project (or of another stage of the same one) that starts from an image the
     * container's build makes: the container's image is then a base of the project's own, whose user and health the
     * images built on it decide. Empty when nothing of the project builds on it.
     */
    public static Optional<Location> builtOn(ReviewContext context, Container container) {
        BuildLink build = container.build();
        if (build == null || build.stage() == null) {
            return Optional.empty();
        }
        List<String> written = new ArrayList<>(build.tags());
        if (container.isComposeService() && container.image() != null) {
            written.add(container.image());
        }
        Set<String> names = new LinkedHashSet<>();
        written.forEach(name -> key(name).ifPresent(names::add));
        if (names.isEmpty()) {
            return Optional.empty();
        }
        Set<String> everyBuilds = names(context);
        for (DockerfileSource source : context.dockerfiles()) {
            if (source.model() == null) {
                continue;
            }
            boolean own = source.file().path().equals(build.dockerfile());
            Set<Integer> needed = new LinkedHashSet<>();
            if (own) {
                Stages.needed(source.model(), source.model().stages().get(build.stage().index()))
                        .forEach(stage -> needed.add(stage.index()));
            }
            for (Stage stage : source.model().stages()) {
                if (needed.contains(stage.index())) {
                    continue; // built for this image, so it cannot start from it
                }
                if (stage.base() instanceof BaseImage.External external && external.reference() != null
                        && external.reference().isImage() && known(names, external.reference())
                        && !taggedByAnother(names, everyBuilds, external.reference())) {
                    return Optional.of(new Location(source.file().path(), stage.from().span()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The container of the project whose build makes the image {@code reference} names by a tag written out in full
     * (a compose service's {@code image:} beside its {@code build:}, {@code docker build -t org/app:base} in a CI or
     * task file); empty when no build, or only one whose tag is open ({@code org/app:$VERSION}), names it.
     */
    public static Optional<Container> producer(ReviewContext context, ImageReference reference, Container except) {
        if (reference == null || !reference.isImage() || reference.isPinnedByDigest()) {
            return Optional.empty();
        }
        String wanted = key(reference);
        for (Container c : context.builtContainers()) {
            if (c == except || c.build() == null || c.build().stage() == null) {
                continue;
            }
            List<String> written = new ArrayList<>(c.build().tags());
            if (c.image() != null) {
                written.add(c.image());
            }
            if (written.stream().map(LocallyBuiltImages::key).anyMatch(k -> k.equals(Optional.of(wanted)))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static boolean onLocalhost(ImageReference reference) {
        String registry = reference.registry();
        return registry.equals("localhost") || registry.startsWith("localhost:");
    }

    private static Set<String> names(ReviewContext context) {
        return context.memo("locally-built-images", LocallyBuiltImages.class, LocallyBuiltImages::collect);
    }

    private static Set<String> collect(ReviewContext context) {
        Set<String> names = new LinkedHashSet<>();
        for (Container container : context.builtContainers()) {
            if (container.image() != null) {
                key(container.image()).ifPresent(names::add);
            }
        }
        for (DeclaredBuild build : context.project().declaredBuilds()) {
            build.tags().forEach(tag -> key(tag).ifPresent(names::add));
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * Whether {@code names} cover the reference only through a tag they leave open ({@code org/app:$VERSION}) while
     * another build of the project writes the reference's tag itself ({@code -t org/app:base}): that build makes it.
     */
    private static boolean taggedByAnother(Set<String> names, Set<String> everyBuilds, ImageReference reference) {
        String exact = key(reference);
        return !names.contains(exact) && everyBuilds.contains(exact);
    }

    private static boolean known(Set<String> names, ImageReference reference) {
        return names.contains(key(reference)) || names.contains(reference.fullName() + ANY_TAG);
    }

    private static final String ANY_TAG = ":*";

    /**
     * The key of a name as written: its repository and tag; its repository and {@link #ANY_TAG} when only the tag holds
     * variables or templates; empty when the repository does.
     */
    private static Optional<String> key(String name) {
        String written = name.strip();
        if (!written.contains("$") && !written.contains("{{")) {
            return ImageReference.tryParse(written).filter(ImageReference::isImage).map(LocallyBuiltImages::key);
        }
        int colon = written.indexOf(':', written.lastIndexOf('/') + 1);
        String repository = colon < 0 ? written : written.substring(0, colon);
        if (colon < 0 || repository.contains("$") || repository.contains("{{") || written.contains("@")) {
            return Optional.empty();
        }
        return ImageReference.tryParse(repository).filter(ImageReference::isImage).map(r -> r.fullName() + ANY_TAG);
    }

    private static String key(ImageReference reference) {
        return reference.fullName() + ":" + reference.effectiveTag();
    }
}
