package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import java.util.Optional;

/**
 * The user an image ends with when it is the project's own: FROM names an image that another build of the project
 * makes under a tag written out in full, so that build's final stage says who its images run as (its USER, else
 * what its own base image is known to default to).
 *
 * @param producer the container whose build makes the base image
 * @param user the user its final stage ends with
 * @param at where that USER is written; null when the producer writes none and its base decides
 */
public record ProjectBaseUser(Container producer, String user, Location at) {

    /** The project's own base image's user, when {@code base} is one and its user can be told. */
    public static Optional<ProjectBaseUser> of(ReviewContext context, Container container, BaseImage base) {
        if (!(base instanceof BaseImage.External external) || external.reference() == null) {
            return Optional.empty();
        }
        Container producer = LocallyBuiltImages.producer(context, external.reference(), container).orElse(null);
        if (producer == null) {
            return Optional.empty();
        }
        Setting<String> user = producer.build().stage().config().user();
        if (user != null && user.value() != null && !user.value().contains("$")) {
            return Optional.of(new ProjectBaseUser(producer, user.value().strip(),
                    new Location(producer.build().dockerfile(), user.instruction().span())));
        }
        BaseImage producerBase = Stages.rootBase(producer.build().model(), producer.build().stage());
        if (user == null && BaseImageFacts.defaultUserKnown(producerBase) && !BaseImageFacts.defaultsToNonRoot(producerBase)) {
            return Optional.of(new ProjectBaseUser(producer, "root", null));
        }
        return Optional.empty();
    }

    /** Whether its images run as root. */
    public boolean root() {
        return UserIds.isRoot(user);
    }

    /** How a message names the base: {@code acme/monitor:base, which the project builds from docker/base.Dockerfile}. */
    public String describe(String image) {
        return image + ", which the project builds from " + producer.build().dockerfile();
    }
}
