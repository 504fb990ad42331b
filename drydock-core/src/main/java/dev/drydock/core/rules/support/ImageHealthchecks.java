package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.HealthcheckSpec;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveHealthcheck;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.Location;
import java.util.List;
import java.util.Optional;

/**
 * The HEALTHCHECK the image a container is built from carries, which a compose service that sets no healthcheck
 * inherits: the one its Dockerfile writes, else the one its base image ends with ({@link BaseImageFacts#healthcheck}).
 */
public final class ImageHealthchecks {

    /**
     * One inherited HEALTHCHECK.
     *
     * @param check the probe as Docker stores it
     * @param owner what messages call it: {@code the HEALTHCHECK of Dockerfile}, or of the base image
     * @param at the HEALTHCHECK instruction, or the FROM that names the base image
     * @param written whether the project's Dockerfile writes it
     */
    public record Inherited(EffectiveHealthcheck check, String owner, Location at, boolean written) {}

    private ImageHealthchecks() {}

    /** The HEALTHCHECK in effect in the container's image; empty when there is none, it is switched off, or unknown. */
    public static Optional<Inherited> of(Container c) {
        if (c == null || c.build() == null || c.build().stage() == null) {
            return Optional.empty();
        }
        HealthcheckSpec own = c.build().stage().config().healthcheck();
        if (own != null) {
            if (own.disabled() || own.instruction() == null) {
                return Optional.empty();
            }
            return Optional.of(new Inherited(EffectiveHealthcheck.of(own), "the HEALTHCHECK of " + c.build().dockerfile(),
                    new Location(own.instruction().file().path(), own.instruction().span()), true));
        }
        Stage root = Stages.rootStage(c.build().model(), c.build().stage());
        if (!(root.base() instanceof BaseImage.External base) || root.from() == null) {
            return Optional.empty();
        }
        List<String> test = BaseImageFacts.healthcheck(base.reference()).orElse(null);
        if (test == null) {
            return Optional.empty();
        }
        Location from = new Location(root.from().file().path(), root.from().span());
        EffectiveHealthcheck check = new EffectiveHealthcheck(test, false, "image",
                new Origin(from.file(), from.span()), null, null, null, null);
        return Optional.of(new Inherited(check, "the HEALTHCHECK of " + base.reference().familiarString() + ", the base"
                + " image of " + c.build().dockerfile(), from, false));
    }
}
