package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Project;
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import dev.drydock.core.rules.support.ContextInventory.Item;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code COPY --from} instructions that take context files an ignore file is about to leave out of a builder
 * stage by their names ({@link BuildContexts#namingCarriers}): they would fail once the files are gone. An env file's
 * copy can go with it, since its values reach the container at run time; any other file's, or a copy that names the
 * file beside other sources, blocks the exclusion.
 *
 * @param commands the copies to delete with the exclusion
 * @param blocked whether one of them cannot go
 */
public record EnvFileCarriers(List<CopyCommand> commands, boolean blocked) {

    public static EnvFileCarriers of(Project project, BuildLink build, List<Item> items, List<ContextCopy> copies) {
        Set<CopyCommand> commands = new LinkedHashSet<>();
        boolean blocked = false;
        for (Item item : items) {
            for (ContextCopy copy : copies) {
                var carriers = BuildContexts.namingCarriers(project, build, copy, item.path())
                        .filter(list -> list.isEmpty() || item.isEnvFile());
                blocked |= carriers.isEmpty();
                carriers.ifPresent(commands::addAll);
            }
        }
        return new EnvFileCarriers(List.copyOf(commands), blocked);
    }

    /** The edits that delete the copies. */
    public List<TextEdit> deletions() {
        List<TextEdit> out = new ArrayList<>();
        for (CopyCommand c : commands) {
            out.add(SourceEdits.deleteLines(c.instruction().file(), c.instruction().span().startLine(),
                    c.instruction().span().endLine()));
        }
        return out;
    }

    /** "`COPY --from=build /app/.env .env` (line 15)", joined with "and". */
    public String described() {
        return String.join(" and ", commands.stream().map(c -> "`" + c.instruction().logicalText().text().strip()
                .replaceAll("\\s+", " ") + "` (line " + c.instruction().span().startLine() + ")").toList());
    }
}
