package dev.drydock.core.review;

import dev.drydock.core.edit.FixSafety;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A rule's {@link RuleDefinition} as a value, built once per rule class: from {@link RuleCatalog}, which the
 * build generates from the annotations of the rule classes it compiles (reading annotations at run time
 * costs reflection and dynamic proxy classes at every start), or by reflection for a rule class compiled
 * without it, such as one a test defines.
 */
public record RuleMetadata(String id, String title, Severity severity, Category category, String checks, String problem,
        String impact, String recommendation, List<String> references, List<String> aliases, FixSafety fix,
        String effort, String strength, List<Example> examples) {

    /**
     * A bad and a good version of one file (see {@link RuleExample}), with the files beside it that
     * both versions share (path to content, in the order given).
     */
    public record Example(String file, String bad, String good, Map<String, String> alongside) {

        public Example {
            alongside = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(alongside));
        }

        public Example(String file, String bad, String good) {
            this(file, bad, good, Map.of());
        }
    }

    private static final Map<Class<?>, RuleMetadata> CACHE = new ConcurrentHashMap<>();

    public RuleMetadata {
        references = List.copyOf(references);
        aliases = List.copyOf(aliases);
        examples = List.copyOf(examples);
    }

    /** Whether the rule reports good practices (strengths) besides, or rather than, findings. */
    public boolean reportsStrengths() {
        return !strength.isEmpty();
    }

    /** Whether {@code drydock fix} can repair the rule's findings (a safe or an unsafe fix). */
    public boolean fixable() {
        return fix == FixSafety.SAFE || fix == FixSafety.UNSAFE;
    }

    public static RuleMetadata of(Class<? extends Rule> type) {
        return CACHE.computeIfAbsent(type, RuleMetadata::lookUp);
    }

    private static RuleMetadata lookUp(Class<?> type) {
        RuleMetadata compiled = type.getClassLoader() == RuleMetadata.class.getClassLoader()
                ? RuleCatalog.of(type.getName()) : null;
        return compiled != null ? compiled : read(type);
    }

    /** The class's {@link RuleDefinition}, read by reflection. */
    static RuleMetadata read(Class<?> type) {
        RuleDefinition d = type.getAnnotation(RuleDefinition.class);
        if (d == null) {
            throw new IllegalStateException(type.getName() + " has no @RuleDefinition");
        }
        return new RuleMetadata(d.id(), d.title(), d.severity(), d.category(), d.checks(), d.problem(), d.impact(),
                d.recommendation(), List.of(d.references()), List.of(d.aliases()), d.fix(), d.effort(),
                d.strength(), java.util.Arrays.stream(d.examples())
                        .map(RuleMetadata::example).toList());
    }

    private static Example example(RuleExample e) {
        Map<String, String> alongside = new java.util.LinkedHashMap<>();
        for (ExampleFile file : e.alongside()) {
            alongside.put(file.name(), file.content());
        }
        return new Example(e.file(), e.bad(), e.good(), alongside);
    }
}
