package dev.drydock.core.entrypoint;

import dev.drydock.core.discovery.PathNames;
import java.util.ArrayList;
import java.util.List;

/**
 * One source of a COPY/ADD from the build context, as {@link ContextPaths} needs it: the source as
 * written (relative to the context), the destination as an absolute normalized container path, and
 * whether the source lands inside the destination folder ({@code COPY app.py /app/}) or becomes it
 * ({@code COPY app.py /app/main.py}). Build the records with {@link #of} and {@link #all}, which
 * apply Docker's rules; COPY --from and remote ADD sources are not context copies and do not belong here.
 */
public record Copy(String source, String destination, boolean intoDirectory) {

    /**
     * One source copied to {@code destination} in the stage's working directory {@code workdir}.
     * The destination is a folder the source goes into when it ends with '/', is "." (or any
     * spelling of the working directory, which WORKDIR created), or when the source has wildcards.
     */
    public static Copy of(String source, String destination, String workdir) {
        return all(List.of(source), destination, workdir).get(0);
    }

    /** Several sources in one instruction: the destination is then always a folder. */
    public static List<Copy> all(List<String> sources, String destination, String workdir) {
        String dir = PathNames.normalizeAbsolute("/", workdir == null || workdir.isEmpty() ? "/" : workdir);
        String target = PathNames.normalizeAbsolute(dir, destination);
        boolean folder = sources.size() > 1 || destination.endsWith("/") || destination.equals(".")
                || destination.endsWith("/.") || target.equals(dir);
        List<Copy> copies = new ArrayList<>();
        for (String source : sources) {
            copies.add(new Copy(source, target, folder || Glob.hasWildcards(source)));
        }
        return copies;
    }
}
