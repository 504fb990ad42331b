package dev.drydock.core.rules.support;

import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.ModelDownloads.Download;
import java.util.Optional;

/**
 * How long a container that loads a model before it answers needs before its HEALTHCHECK counts failures: the
 * start period to suggest, and why in words. A probe that succeeds ends the start period early, so a long one costs
 * nothing when the server is up sooner, while a short one marks the container unhealthy (and an orchestrator
 * restarts it) in the middle of its first download.
 *
 * @param period the start period ({@code 300s})
 * @param reason why, for a message
 */
public record ModelLoads(String period, String reason) {

    /** Seconds per GiB of weights: a download at about 35 MB/s, then reading them into memory. */
    private static final int SECONDS_PER_GIB = 30;
    private static final int FLOOR_SECONDS = 120;
    private static final int CEILING_SECONDS = 600;

    /**
     * The start period for a container that downloads a model from the Hub when it starts (its command, an
     * entry-point script, or a from_pretrained or pipeline call at the top level of its entry module, which runs at
     * import), sized by the weights its name gives; else, for a server known to load a model at start
     * ({@code loadsModel}), {@link PackagedServers#MODEL_START_PERIOD}; else empty.
     */
    public static Optional<ModelLoads> of(ReviewContext context, Container c, boolean loadsModel) {
        for (Download d : ModelDownloads.of(context, c)) {
            if (!atStart(context, d)) {
                continue;
            }
            Optional<ModelWeights> weights = ModelWeights.of(d.model());
            if (weights.isPresent()) {
                long gib = weights.get().gib();
                long seconds = Math.min(CEILING_SECONDS, Math.max(FLOOR_SECONDS, 60 + gib * SECONDS_PER_GIB));
                seconds = (seconds + 59) / 60 * 60;
                return Optional.of(new ModelLoads(seconds + "s", d.by() + " downloads " + d.model()
                        + " from the Hugging Face Hub when the container starts, about " + gib + " GiB of weights at "
                        + weights.get().precision() + ", and loads it before the server answers: allow about "
                        + SECONDS_PER_GIB + " s a GiB and a minute to load; a probe that succeeds ends the start"
                        + " period early"));
            }
            return Optional.of(new ModelLoads(PackagedServers.MODEL_START_PERIOD, d.by() + " downloads " + d.model()
                    + " from the Hugging Face Hub when the container starts and loads it before the server answers,"
                    + " which takes minutes: a probe that succeeds ends the start period early"));
        }
        return loadsModel ? Optional.of(new ModelLoads(PackagedServers.MODEL_START_PERIOD, "the server loads the"
                + " model's weights before it answers, which takes minutes: a probe that succeeds ends the start period"
                + " early")) : Optional.empty();
    }

    /**
     * Whether the download happens as the container starts: always from a command or script; in Python only at
     * the top level of the module (a call inside a function waits for it to be called).
     */
    private static boolean atStart(ReviewContext context, Download d) {
        if (!d.file().endsWith(".py")) {
            return true;
        }
        int line = d.span().startLine();
        return context.project().source(d.file()).filter(f -> line >= 1 && line <= f.lineCount()).map(f -> f.line(line))
                .map(text -> !text.isEmpty() && !Character.isWhitespace(text.charAt(0))).orElse(false);
    }
}
