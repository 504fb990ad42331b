package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.dockerfile.syntax.ArgList;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.KeyValue;
import dev.drydock.core.dockerfile.syntax.KeyValueList;
import dev.drydock.core.dockerfile.model.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ENV and ARG entries of the stages an image is made of, each with its value as BuildKit expands it
 * and the place it is written: what rules about baked-in configuration look at.
 */
public final class ImageVariables {

    private ImageVariables() {}

    /**
     * One {@code NAME=value} of an ENV or ARG.
     *
     * @param value the expanded value (null for an ARG without default nor build argument)
     * @param entry the entry as written, for its position
     * @param effective for ENV: whether this is the value the image finally has (no later ENV replaces it);
     *     for ARG: whether the image's last stage still sees this definition
     */
    public record Entry(Variables.Kind kind, String name, String value, KeyValue entry, Instruction instruction,
            Stage stage, boolean effective) {

        /** {@code NAME=value} as the expanded definition reads. */
        public String assignment() {
            return name + "=" + (value == null ? "" : value);
        }
    }

    /** The ENV and ARG entries of the image's stages, in the order they are written. */
    public static List<Entry> of(BuiltImage image) {
        Variables last = image.stage().variables();
        Set<Variables.Definition> lastSees = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, Variables.Definition> finalEnv = new HashMap<>();
        Map<String, Variables.Definition> finalArg = new HashMap<>();
        for (Variables.Definition d : last.inOrder()) { // as Variables.definition: the latest ENV, else the latest ARG
            lastSees.add(d);
            (d.kind() == Variables.Kind.ENV ? finalEnv : finalArg).put(d.name(), d);
        }
        List<Entry> out = new ArrayList<>();
        for (Stage stage : image.imageStages()) {
            Map<Instruction, List<Variables.Definition>> byInstruction = new IdentityHashMap<>();
            Variables inherited = stage.base() instanceof BaseImage.OfStage parent
                    ? image.model().stages().get(parent.stageIndex()).variables() : null;
            for (Variables.Definition d : stage.variables().since(inherited)) { // the stage's own come after those
                if (d.instruction() != null) {
                    byInstruction.computeIfAbsent(d.instruction(), i -> new ArrayList<>()).add(d);
                }
            }
            for (Step step : stage.steps()) {
                Instruction instruction = step.instruction();
                List<KeyValue> entries = entries(instruction);
                if (entries.isEmpty()) {
                    continue;
                }
                List<Variables.Definition> own = byInstruction.getOrDefault(instruction, List.of());
                for (int i = 0; i < entries.size() && i < own.size(); i++) {
                    Variables.Definition d = own.get(i);
                    Variables.Definition finalDefinition = finalEnv.containsKey(d.name()) ? finalEnv.get(d.name())
                            : finalArg.get(d.name());
                    boolean effective = d.kind() == Variables.Kind.ENV
                            ? finalDefinition != null && finalDefinition.instruction() == instruction
                            : lastSees.contains(d);
                    out.add(new Entry(d.kind(), d.name(), d.value(), entries.get(i), instruction, stage, effective));
                }
            }
        }
        return out;
    }

    /** The {@code NAME=value} entries of an ENV or ARG instruction as written; none for another instruction. */
    public static List<KeyValue> entries(Instruction instruction) {
        if (instruction.kind() == InstructionKind.ENV && instruction.arguments() instanceof KeyValueList list) {
            return list.entries();
        }
        if (instruction.kind() == InstructionKind.ARG && instruction.arguments() instanceof ArgList list) {
            return list.entries();
        }
        return List.of();
    }
}
