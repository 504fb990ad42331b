package dev.drydock.core.verify;

import java.time.Duration;

/**
 * How verification runs.
 *
 * @param buildTimeout the longest one image build may take
 * @param healthCap the longest verification waits for a healthy state
 * @param keep whether to keep the temporary copy, images and containers (for debugging)
 */
public record VerifyOptions(Duration buildTimeout, Duration healthCap, boolean keep) {

    public static VerifyOptions defaults() {
        return new VerifyOptions(Duration.ofSeconds(600), HealthSettings.CAP, false);
    }

    public VerifyOptions withBuildTimeout(Duration timeout) {
        return new VerifyOptions(timeout, healthCap, keep);
    }

    public VerifyOptions keeping(boolean keepAll) {
        return new VerifyOptions(buildTimeout, healthCap, keepAll);
    }
}
