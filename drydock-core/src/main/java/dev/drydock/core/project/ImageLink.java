package dev.drydock.core.project;

/**
 * Why a compose service that only pulls an image ({@code image:} without {@code build:}) is reviewed with a
 * Dockerfile of the project: the image is the one the project builds.
 *
 * @param image the image the service runs, as written
 * @param evidence what ties the name to the Dockerfile
 * @param origin where that is written (another service's {@code build:}, a CI or task file's build); null when the
 *     names alone tie them
 */
public record ImageLink(String image, Evidence evidence, Origin origin) {

    /** What ties the image's name to the Dockerfile, strongest first. */
    public enum Evidence {
        /** A CI or task file builds the Dockerfile and tags the image with that name. */
        CI_BUILD,
        /** Another compose service builds the Dockerfile under that name. */
        COMPOSE_BUILD,
        /** The image's repository is named after the project folder, which has only that Dockerfile. */
        PROJECT_NAME
    }

    /**
     * How the link reads in a message: {@code compose runs it as ghcr.io/acme/shop, which .github/workflows/release.yml
     * builds from Dockerfile}.
     */
    public String describe(String dockerfile) {
        String runs = "compose runs it as " + image + ", ";
        return runs + switch (evidence) {
            case CI_BUILD -> "which " + origin.file() + " builds from " + dockerfile;
            case COMPOSE_BUILD -> "which " + origin.file() + " builds from " + dockerfile + " (line " + origin.line() + ")";
            case PROJECT_NAME -> "named after the project folder, whose only Dockerfile is " + dockerfile;
        };
    }
}
