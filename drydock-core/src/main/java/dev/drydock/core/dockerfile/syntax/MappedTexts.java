package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.source.MappedText;

/** Small operations on {@link MappedText} that the parser needs. */
final class MappedTexts {

    private MappedTexts() {}

    /** Characters {@code from..to} of {@code text}, still mapped to their file offsets. */
    static MappedText slice(MappedText text, int from, int to) {
        MappedText.Builder out = MappedText.builder(text.file());
        int i = from;
        while (i < to) {
            int start = text.fileOffset(i);
            int j = i + 1;
            while (j < to && text.fileOffset(j) == start + (j - i)) {
                j++;
            }
            out.append(start, start + (j - i));
            i = j;
        }
        return out.build();
    }
}
