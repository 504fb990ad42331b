package dev.drydock.core.dockerfile.syntax;

import java.util.List;

/**
 * An instruction as parsed from its logical line, before the parts only the whole file knows
 * (heredocs, comments, where it ends) are added. ONBUILD drafts hold their trigger's draft.
 */
record InstructionDraft(
        InstructionKind kind,
        Word keyword,
        List<Flag> flags,
        Arguments arguments,
        InstructionDraft trigger) {

    /** BuildKit's {@code canContainHeredoc}: RUN, COPY, ADD not in JSON form, or ONBUILD of one. */
    boolean canContainHeredoc() {
        InstructionDraft node = kind == InstructionKind.ONBUILD && trigger != null ? trigger : this;
        return node.kind.allowsHeredocs() && !node.arguments.isJson();
    }
}
