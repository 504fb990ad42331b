package dev.drydock.core.project;

/** What a declared build leaves behind, as its options say ({@code --push}, {@code --output}, {@code push: true}). */
public enum BuildOutput {
    /** An image in the local store, or an output the options do not tell: the default. */
    IMAGE,
    /**
     * An image pushed to a registry ({@code --push}, {@code --output type=registry}, kaniko's {@code --destination}) or
     * deployed by the tool that builds it (skaffold, Kamal, fly).
     */
    SHIPPED,
    /** Files exported from the stage ({@code --output type=local,dest=out}, {@code -o bin}, {@code type=tar}): no image. */
    FILES;

    /**
     * The output an {@code --output} value names: {@code type=registry} or {@code push=true} pushes, {@code type=local}
     * and {@code type=tar} (and a bare path or {@code -}, the local or tar exporter's shorthand) export files.
     */
    static BuildOutput of(String written) {
        String value = written.strip();
        if (!value.contains("type=")) {
            return value.isEmpty() ? IMAGE : FILES;
        }
        if (value.contains("type=registry") || value.contains("push=true")) {
            return SHIPPED;
        }
        return value.contains("type=local") || value.contains("type=tar") ? FILES : IMAGE;
    }
}
