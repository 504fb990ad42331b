package dev.drydock.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

/**
 * Reads the {@code @RuleDefinition} of every rule class being compiled and writes {@code RuleCatalog} beside
 * the annotation: a class that builds each rule's {@code RuleMetadata} in plain code, so that at run time no
 * annotation is read by reflection (its dynamic proxies cannot be kept in the JVM's AOT cache).
 *
 * <p>The catalogue is written in the first round that sees annotated classes; all the rule classes are
 * sources of that round. A class that another processor generates later cannot join it: it is reported as
 * an error rather than left out silently.
 */
public final class RuleCatalogProcessor extends AbstractProcessor {

    static final String RULE_DEFINITION = "dev.drydock.core.review.RuleDefinition";
    static final String CATALOG = "RuleCatalog";

    private boolean written;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(RULE_DEFINITION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Elements elements = processingEnv.getElementUtils();
        TypeElement definition = elements.getTypeElement(RULE_DEFINITION);
        if (definition == null || round.processingOver()) {
            return false;
        }
        Set<TypeElement> rules = ElementFilter.typesIn(round.getElementsAnnotatedWith(definition));
        if (rules.isEmpty()) {
            return false;
        }
        if (written) {
            rules.forEach(rule -> error(rule, "@RuleDefinition on a class generated after " + CATALOG
                    + " was written: its metadata would be missing from it"));
            return true;
        }
        List<CatalogSource.Rule> catalog = new ArrayList<>();
        for (TypeElement rule : rules) {
            Map<String, Object> values = values(mirror(rule, definition), elements);
            List<String> unknown = CatalogSource.unknownElements(values);
            unknown.forEach(element -> error(rule, element + " is not known to " + getClass().getSimpleName()
                    + ": add it to the code the catalogue is generated with (drydock-processor)"));
            if (unknown.isEmpty() && CatalogSource.complete(values)) {
                catalog.add(new CatalogSource.Rule(elements.getBinaryName(rule).toString(),
                        rule.getSimpleName().toString(), values));
            }
        }
        catalog.sort(Comparator.comparing(CatalogSource.Rule::className));
        String pkg = elements.getPackageOf(definition).getQualifiedName().toString();
        boolean generatedAnnotation = elements.getTypeElement("javax.annotation.processing.Generated") != null;
        write(pkg, CatalogSource.write(pkg, CATALOG, catalog, generatedAnnotation), rules.toArray(Element[]::new));
        written = true;
        return true;
    }

    /** An annotation's values by element name, defaults included; nested annotations become maps likewise. */
    private static Map<String, Object> values(AnnotationMirror mirror, Elements elements) {
        Map<String, Object> values = new LinkedHashMap<>();
        elements.getElementValuesWithDefaults(mirror).forEach((element, value) ->
                values.put(element.getSimpleName().toString(), value(value.getValue(), elements)));
        return values;
    }

    private static Object value(Object value, Elements elements) {
        return switch (value) {
            case AnnotationMirror nested -> values(nested, elements);
            case List<?> list -> list.stream().map(item -> value(((AnnotationValue) item).getValue(), elements)).toList();
            case VariableElement constant -> new CatalogSource.EnumConstant(
                    ((TypeElement) constant.getEnclosingElement()).getQualifiedName() + "." + constant.getSimpleName());
            default -> value;
        };
    }

    private static AnnotationMirror mirror(TypeElement rule, TypeElement definition) {
        for (AnnotationMirror mirror : rule.getAnnotationMirrors()) {
            if (mirror.getAnnotationType().asElement().equals(definition)) {
                return mirror;
            }
        }
        throw new IllegalStateException(rule + " is annotated with " + definition + " but carries no such annotation");
    }

    private void write(String pkg, String source, Element[] originatingElements) {
        try (Writer out = processingEnv.getFiler().createSourceFile(pkg + "." + CATALOG, originatingElements)
                .openWriter()) {
            out.write(source);
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "cannot write " + pkg + "." + CATALOG + ": " + e.getMessage());
        }
    }

    private void error(Element element, String message) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
    }
}
