package dev.drydock.core.shell;

/** How a command's pipeline is joined to the one before or after it. */
public enum Connector {
    /** Nothing: first (or last) of its list. */
    NONE,
    /** {@code ;} or a newline. */
    SEQUENCE,
    /** {@code &}: the earlier one runs in the background. */
    BACKGROUND,
    /** {@code &&}. */
    AND,
    /** {@code ||}. */
    OR
}
