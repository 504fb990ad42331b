package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.KeyValue;
import dev.drydock.core.dockerfile.syntax.KeyValueList;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The labels of an image as written in LABEL instructions: each key with the words that set it.
 *
 * @param key the key, quotes removed
 * @param entry the {@code key=value} words
 * @param instruction the LABEL
 */
public record LabelEntries(String key, KeyValue entry, Instruction instruction) {

    /** Every LABEL entry of the stages, in order. */
    public static List<LabelEntries> of(List<Stage> stages) {
        List<LabelEntries> out = new ArrayList<>();
        for (Stage stage : stages) {
            for (var step : stage.steps()) {
                out.addAll(of(step.instruction()));
            }
        }
        return out;
    }

    /** Every LABEL entry of the stages that are part of an image the project builds (not only builders). */
    public static List<LabelEntries> inImages(ReviewContext context) {
        List<LabelEntries> out = new ArrayList<>();
        for (StagesInUse used : StagesInUse.of(context)) {
            if (used.inImage()) {
                out.addAll(of(List.of(used.stage())));
            }
        }
        return out;
    }

    public static List<LabelEntries> of(Instruction instruction) {
        List<LabelEntries> out = new ArrayList<>();
        if (instruction.kind() == InstructionKind.LABEL && instruction.arguments() instanceof KeyValueList list) {
            for (KeyValue entry : list.entries()) {
                out.add(new LabelEntries(CopySources.unquote(entry.name().value()), entry, instruction));
            }
        }
        return out;
    }

    /** The entry that gave a label of the image configuration its final value. */
    public static Optional<LabelEntries> setting(Map<String, Setting<String>> labels, String key) {
        Setting<String> setting = labels.get(key);
        if (setting == null) {
            return Optional.empty();
        }
        List<LabelEntries> entries = of(setting.instruction());
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).key().equals(key)) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    /** The value as written, quotes removed; empty when there is none. */
    public String writtenValue() {
        return entry.hasValue() ? CopySources.unquote(entry.value().value()) : "";
    }
}
