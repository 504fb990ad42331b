package dev.drydock.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * The source of {@code RuleCatalog}: for each rule class, a method that builds its {@code RuleMetadata} from
 * the values of its {@code @RuleDefinition}, and a switch on the class name that calls only the method asked
 * for. The arguments follow {@code RuleMetadata}'s components, which are named and ordered as the
 * annotation's elements; a {@code RuleExample}'s {@code ExampleFile}s become its map of files beside it.
 */
final class CatalogSource {

    /** {@code @RuleDefinition}'s elements in the order of {@code RuleMetadata}'s components. */
    static final List<String> DEFINITION = List.of("id", "title", "severity", "category", "checks", "problem",
            "impact", "recommendation", "references", "aliases", "fix", "effort", "strength", "examples");
    /** {@code @RuleExample}'s elements in the order of {@code RuleMetadata.Example}'s components. */
    static final List<String> EXAMPLE = List.of("file", "bad", "good", "alongside");
    static final List<String> FILE = List.of("name", "content");

    private static final String INDENT = "    ";
    private static final String ARGUMENT = INDENT.repeat(4);

    /**
     * One annotated class: its binary name, its simple name, and its annotation's values by element name
     * (defaults included): strings, booleans, {@link EnumConstant}s, lists, and nested annotations as maps.
     */
    record Rule(String className, String simpleName, Map<String, Object> definition) {}

    /** An enum constant by its qualified name, such as {@code dev.drydock.core.review.Severity.HIGH}. */
    record EnumConstant(String qualifiedName) {}

    private final StringBuilder out = new StringBuilder(1 << 16);

    private CatalogSource() {}

    /**
     * What the catalogue cannot carry of an annotation: elements the generated code does not know
     * (the annotation gained one), each as {@code RuleDefinition.name}, {@code RuleExample.name}...
     */
    static List<String> unknownElements(Map<String, Object> definition) {
        List<String> unknown = new ArrayList<>();
        unknown(definition, DEFINITION, "RuleDefinition", unknown);
        if (definition.get("examples") instanceof List<?> examples) {
            for (Object example : examples) {
                Map<String, Object> values = annotation(example);
                unknown(values, EXAMPLE, "RuleExample", unknown);
                if (values.get("alongside") instanceof List<?> files) {
                    files.forEach(file -> unknown(annotation(file), FILE, "ExampleFile", unknown));
                }
            }
        }
        return unknown.stream().distinct().toList();
    }

    /** Whether every element the generated code passes on has a value (javac reports a missing one itself). */
    static boolean complete(Map<String, Object> definition) {
        if (!definition.keySet().containsAll(DEFINITION) || !(definition.get("examples") instanceof List<?> examples)) {
            return false;
        }
        for (Object example : examples) {
            Map<String, Object> values = annotation(example);
            if (!values.keySet().containsAll(EXAMPLE) || !(values.get("alongside") instanceof List<?> files)
                    || !files.stream().allMatch(file -> annotation(file).keySet().containsAll(FILE))) {
                return false;
            }
        }
        return true;
    }

    /** The compilation unit of class {@code name} in package {@code pkg}, rules in the order given. */
    static String write(String pkg, String name, List<Rule> rules, boolean generatedAnnotation) {
        return new CatalogSource().unit(pkg, name, rules, generatedAnnotation);
    }

    private String unit(String pkg, String name, List<Rule> rules, boolean generatedAnnotation) {
        List<String> methods = methodNames(rules);
        line("package " + pkg + ";");
        line("");
        line("import java.util.LinkedHashMap;");
        line("import java.util.List;");
        line("import java.util.Map;");
        line("");
        line("/**");
        line(" * The {@link RuleDefinition} of each rule class of this module as code, written at compile time by");
        line(" * {@code " + RuleCatalogProcessor.class.getName() + "}: a rule's metadata is built when it is first");
        line(" * asked for, without reflection. Do not edit.");
        line(" */");
        if (generatedAnnotation) {
            line("@javax.annotation.processing.Generated(\"" + RuleCatalogProcessor.class.getName() + "\")");
        }
        line("final class " + name + " {");
        line("");
        line(INDENT + "private " + name + "() {}");
        line("");
        line(INDENT + "/** The metadata of the rule class with this binary name; null for a class this catalogue does not hold. */");
        line(INDENT + "static RuleMetadata of(String className) {");
        line(INDENT.repeat(2) + "return switch (className) {");
        for (int i = 0; i < rules.size(); i++) {
            line(INDENT.repeat(3) + "case " + JavaLiterals.string(rules.get(i).className()) + " -> " + methods.get(i) + "();");
        }
        line(INDENT.repeat(3) + "default -> null;");
        line(INDENT.repeat(2) + "};");
        line(INDENT + "}");
        for (int i = 0; i < rules.size(); i++) {
            line("");
            rule(methods.get(i), rules.get(i).definition());
        }
        line("");
        line(INDENT + "/** The files beside an example, in their order: name, content, name, content... */");
        line(INDENT + "private static Map<String, String> files(String... namesAndContents) {");
        line(INDENT.repeat(2) + "Map<String, String> files = new LinkedHashMap<>();");
        line(INDENT.repeat(2) + "for (int i = 0; i < namesAndContents.length; i += 2) {");
        line(INDENT.repeat(3) + "files.put(namesAndContents[i], namesAndContents[i + 1]);");
        line(INDENT.repeat(2) + "}");
        line(INDENT.repeat(2) + "return files;");
        line(INDENT + "}");
        line("}");
        return out.toString();
    }

    private void rule(String method, Map<String, Object> definition) {
        line(INDENT + "private static RuleMetadata " + method + "() {");
        line(INDENT.repeat(2) + "return new RuleMetadata(");
        List<String> arguments = new ArrayList<>();
        for (String element : DEFINITION) {
            Object value = definition.get(element);
            arguments.add(switch (element) {
                case "examples" -> examples((List<?>) value);
                case "references", "aliases" -> strings((List<?>) value);
                default -> scalar(value, ARGUMENT);
            });
        }
        line(ARGUMENT + String.join(",\n" + ARGUMENT, arguments) + ");");
        line(INDENT + "}");
    }

    private static String examples(List<?> examples) {
        if (examples.isEmpty()) {
            return "List.of()";
        }
        String inner = ARGUMENT + INDENT.repeat(2);
        List<String> items = new ArrayList<>();
        for (Object example : examples) {
            Map<String, Object> values = annotation(example);
            List<String> arguments = new ArrayList<>();
            for (String element : EXAMPLE) {
                arguments.add(element.equals("alongside") ? files((List<?>) values.get(element), inner)
                        : scalar(values.get(element), inner));
            }
            items.add("new RuleMetadata.Example(\n" + inner + String.join(",\n" + inner, arguments) + ")");
        }
        return "List.of(\n" + ARGUMENT + INDENT + String.join(",\n" + ARGUMENT + INDENT, items) + ")";
    }

    private static String files(List<?> files, String indent) {
        if (files.isEmpty()) {
            return "Map.of()";
        }
        String inner = indent + INDENT;
        List<String> arguments = new ArrayList<>();
        for (Object file : files) {
            Map<String, Object> values = annotation(file);
            arguments.add(scalar(values.get("name"), inner));
            arguments.add(scalar(values.get("content"), inner));
        }
        return "files(\n" + inner + String.join(",\n" + inner, arguments) + ")";
    }

    private static String strings(List<?> values) {
        List<String> literals = values.stream().map(value -> JavaLiterals.string((String) value)).toList();
        return "List.of(" + String.join(", ", literals) + ")";
    }

    private static String scalar(Object value, String indent) {
        return switch (value) {
            case String text -> JavaLiterals.text(text, indent);
            case Boolean flag -> flag.toString();
            case EnumConstant constant -> constant.qualifiedName();
            default -> throw new IllegalArgumentException("no Java source for the annotation value " + value);
        };
    }

    /** One method name per rule, from its simple name: {@code RunsAsRoot} is built by {@code runsAsRoot()}. */
    private static List<String> methodNames(List<Rule> rules) {
        Set<String> taken = new HashSet<>(Set.of("of", "files"));
        List<String> names = new ArrayList<>();
        for (Rule rule : rules) {
            String base = Character.toLowerCase(rule.simpleName().charAt(0)) + rule.simpleName().substring(1);
            String name = base;
            for (int n = 2; SourceVersion.isKeyword(name) || !taken.add(name); n++) {
                name = base + n;
            }
            names.add(name);
        }
        return names;
    }

    private static void unknown(Map<String, Object> values, List<String> known, String annotation, List<String> unknown) {
        values.keySet().stream().filter(name -> !known.contains(name)).forEach(name -> unknown.add(annotation + "." + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> annotation(Object value) {
        return (Map<String, Object>) value;
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
