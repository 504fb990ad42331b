package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.golang.GoText;

import java.util.Locale;

/** The instructions BuildKit's parser knows, and {@link #UNKNOWN} for any other keyword. */
public enum InstructionKind {
    ADD, ARG, CMD, COPY, ENTRYPOINT, ENV, EXPOSE, FROM, HEALTHCHECK, LABEL, MAINTAINER, ONBUILD, RUN, SHELL,
    STOPSIGNAL, USER, VOLUME, WORKDIR, UNKNOWN;

    private final String keyword = name().toLowerCase(Locale.ROOT);

    /** The lower-case keyword, {@code "run"}; empty for {@link #UNKNOWN}. */
    public String keyword() {
        return this == UNKNOWN ? "" : keyword;
    }

    /** The kind of a keyword as written, matched case-insensitively as BuildKit does. */
    public static InstructionKind of(String keyword) {
        String lower = GoText.toLower(keyword);
        for (InstructionKind kind : values()) {
            if (kind != UNKNOWN && kind.keyword.equals(lower)) {
                return kind;
            }
        }
        return UNKNOWN;
    }

    /** Whether BuildKit reads heredocs for this instruction (when not in JSON form). */
    public boolean allowsHeredocs() {
        return this == RUN || this == COPY || this == ADD;
    }
}
