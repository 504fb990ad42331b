package dev.drydock.core.rules.support;

import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.Optional;

/**
 * How an image's build unpacks a Spring Boot jar with its jar modes: {@code -Djarmode=layertools ... extract} writes
 * the launcher classes into the spring-boot-loader layer; {@code -Djarmode=tools ... extract} (Spring Boot 3.3 and
 * later) writes them only with {@code --launcher}, and otherwise a thin application jar with its libraries in lib/.
 */
public final class SpringBootExtracts {

    private SpringBootExtracts() {}

    /**
     * The build's {@code -Djarmode=tools ... extract} without {@code --launcher}, when every extraction of the image's
     * stages is one (no other leaves the launcher classes); empty otherwise.
     */
    public static Optional<Call> withoutLauncher(ReviewContext context, Container container) {
        BuiltImage image = BuiltImage.of(context).stream().filter(i -> i.containers().contains(container))
                .findFirst().orElse(null);
        if (image == null) {
            return Optional.empty();
        }
        Call found = null;
        for (BuildRuns.StageRun run : BuildRuns.of(image)) {
            for (Call call : run.run().calls()) {
                if (!call.is("java") || !has(call, "extract")) {
                    continue;
                }
                if (has(call, "-Djarmode=layertools") || has(call, "--launcher")) {
                    return Optional.empty();
                }
                if (has(call, "-Djarmode=tools") && found == null) {
                    found = call;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    private static boolean has(Call call, String word) {
        return call.args().stream().anyMatch(a -> word.equals(a.value()));
    }
}
