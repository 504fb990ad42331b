package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.review.ReviewContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every stage some build of the project needs, once each, with the image it was first met in: rules
 * about how a single instruction is written look at each stage once even when several images build it.
 *
 * @param image the first image whose build needs the stage
 * @param stage the stage
 * @param inImage whether the stage's file system is part of an image the project builds (not only a builder stage)
 */
public record StagesInUse(BuiltImage image, Stage stage, boolean inImage) {

    public static List<StagesInUse> of(ReviewContext context) {
        return context.memo("stages-in-use", StagesInUse.class, StagesInUse::collect);
    }

    private static List<StagesInUse> collect(ReviewContext context) {
        Map<String, StagesInUse> out = new LinkedHashMap<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            List<Stage> imageStages = image.imageStages();
            for (Stage stage : image.neededStages()) {
                String key = image.dockerfile() + "#" + stage.index();
                StagesInUse known = out.get(key);
                boolean inImage = imageStages.contains(stage);
                if (known == null) {
                    out.put(key, new StagesInUse(image, stage, inImage));
                } else if (inImage && !known.inImage()) {
                    out.put(key, new StagesInUse(known.image(), known.stage(), true));
                }
            }
        }
        return List.copyOf(out.values());
    }

    public String file() {
        return image.dockerfile();
    }
}
