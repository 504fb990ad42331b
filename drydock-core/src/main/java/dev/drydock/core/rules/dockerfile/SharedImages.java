package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.ImageRole;
import dev.drydock.core.rules.support.OneShotJobs;
import dev.drydock.core.rules.support.ShortText;
import java.util.List;

/**
 * The compose services that run one image the project builds: whether a container shares its image, the words that
 * name each of them in a finding on the image's FROM line, and which of them are one-shot jobs or servers that keep
 * root by design.
 */
final class SharedImages {

    private SharedImages() {}

    /**
     * Whether other containers of the project run the same image (compose services that share a build), whose
     * findings on its FROM line then have to say which container they are about.
     */
    static boolean sharedImage(ReviewContext context, Container container) {
        if (container.service() == null) {
            return false;
        }
        return context.builtContainers().stream().anyMatch(other -> other != container && other.build() != null
                && other.build().model() == container.build().model() && other.build().stage() == container.build().stage());
    }

    /** Another service of the same image whose server starts as root by design (Apache, nginx, php-fpm), or null. */
    static Container rootServerSharing(ReviewContext context, Container container) {
        if (!sharedImage(context, container)) {
            return null;
        }
        return context.builtContainers().stream().filter(other -> other != container
                        && other.build() != null && other.build().stage() == container.build().stage()
                        && ImageRole.program(other).filter(ImageRole::dropsToConfiguredUser).isPresent())
                .findFirst().orElse(null);
    }

    /**
     * A compose service that runs to completion (another waits for it with service_completed_successfully, or it is a
     * task with restart: "no"): a migration or prestart step sharing the server's image.
     */
    static boolean oneShot(ReviewContext context, Container container) {
        return container.service() != null && (ComposeServices.runsToCompletion(context, container.service())
                || OneShotJobs.of(context, container).isPresent());
    }

    /** The container and its command, for a message about a shared image: {@code queue (compose.yaml), which runs `...`,}. */
    static String subject(Container container) {
        String command = container.command() == null || container.command().isEmpty() ? ""
                : ", which runs `" + ShortText.of(container.command().shellForm() && container.command().script() != null
                        ? container.command().script() : String.join(" ", container.command().argv()), 60) + "`,";
        return container.name() + " (" + container.composeFile() + ")" + command;
    }

    /**
     * Several containers with their commands: each but the last ends with a comma already or gets one, so that the
     * commas inside a subject ("which runs `...`,") never double: "web (compose.yaml), which runs `a`, cron
     * (compose.yaml), which runs `b`, and worker (compose.yaml)".
     */
    static String subjects(List<Container> containers) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < containers.size(); i++) {
            String subject = subject(containers.get(i));
            if (i == containers.size() - 1) {
                out.append("and ").append(subject);
            } else {
                out.append(subject).append(subject.endsWith(",") ? " " : ", ");
            }
        }
        return out.toString();
    }
}
