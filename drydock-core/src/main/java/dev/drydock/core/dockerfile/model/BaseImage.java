package dev.drydock.core.dockerfile.model;

import dev.drydock.core.image.ImageReference;

/** What a stage starts from: an image from a registry, an earlier stage, or nothing ({@code scratch}). */
public sealed interface BaseImage {

    /**
     * An image: the name as written, after expansion of global ARGs, and its parsed reference (null
     * when the expanded name is not a valid reference, e.g. an ARG without default; {@code problem} says why).
     */
    record External(String written, String expanded, ImageReference reference, String problem) implements BaseImage {}

    /** An earlier stage of the same Dockerfile. */
    record OfStage(int stageIndex, String name) implements BaseImage {}

    /** {@code FROM scratch}: an empty file system. */
    record Scratch() implements BaseImage {}

    /** The image as a message names it: its reference in Docker's short form, else "the base image". */
    static String describe(BaseImage base) {
        return base instanceof External external && external.reference() != null
                ? external.reference().familiarString() : "the base image";
    }
}
