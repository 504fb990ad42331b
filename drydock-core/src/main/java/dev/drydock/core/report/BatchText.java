package dev.drydock.core.report;

import dev.drydock.core.batch.BatchResult;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Batch results for a terminal, project by project as they finish: a heading line with the
 * project's path, then its review as {@link ReviewText} prints it, or why it could not be read.
 */
public final class BatchText implements Consumer<BatchResult> {

    private final PrintWriter out;
    private final boolean color;

    public BatchText(PrintWriter out, boolean color) {
        this.out = out;
        this.color = color;
    }

    @Override
    public void accept(BatchResult result) {
        String heading = "== " + result.project();
        out.println(color ? "\u001b[1m" + heading + "\u001b[0m" : heading);
        switch (result) {
            case BatchResult.Reviewed reviewed -> new ReviewText(out, color).print(reviewed.review());
            case BatchResult.Unreadable unreadable -> out.println("cannot be read: " + unreadable.reason());
        }
        out.println();
        out.flush();
    }
}
