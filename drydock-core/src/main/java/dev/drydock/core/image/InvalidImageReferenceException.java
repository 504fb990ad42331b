package dev.drydock.core.image;

/**
 * An image reference that Docker and BuildKit would refuse, with the reason (for example
 * {@code invalid reference format: repository name (library/Python) must be lowercase}).
 */
public final class InvalidImageReferenceException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String reference;
    private final String reason;

    public InvalidImageReferenceException(String reference, String reason) {
        super("invalid image reference \"" + reference + "\": " + reason);
        this.reference = reference;
        this.reason = reason;
    }

    /** The reference as written. */
    public String reference() {
        return reference;
    }

    /** Why it is invalid, without the reference. */
    public String reason() {
        return reason;
    }
}
