package dev.drydock.core.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalogue the build generates from the rules' {@link RuleDefinition}s (drydock-processor) against the
 * annotations themselves, read by reflection: every rule must be in it, with exactly the same metadata.
 */
class RuleCatalogTest {

    @Test
    void everyRuleIsInTheCatalogueAsItsAnnotationReads() {
        assertThat(Rules.all()).hasSizeGreaterThan(100);
        for (Rule rule : Rules.all()) {
            Class<?> type = rule.getClass();
            RuleMetadata compiled = RuleCatalog.of(type.getName());
            RuleMetadata reflected = RuleMetadata.read(type);
            assertThat(compiled).as(type.getName() + " in RuleCatalog").isNotNull();
            assertThat(compiled).as(type.getName()).usingRecursiveComparison().isEqualTo(reflected);
            assertThat(compiled).as(type.getName()).isEqualTo(reflected);
            assertThat(alongsideInOrder(compiled)).as(type.getName() + ": files beside the examples, in order")
                    .isEqualTo(alongsideInOrder(reflected));
        }
    }

    @Test
    void metadataIsTheCataloguesForARuleItHolds() {
        Rule rule = Rules.all().get(Rules.all().size() / 2);
        assertThat(rule.metadata()).isEqualTo(RuleCatalog.of(rule.getClass().getName()));
    }

    @Test
    void aRuleCompiledWithoutTheCatalogueIsReadByReflection() {
        assertThat(RuleCatalog.of(TestRule.class.getName())).isNull();
        RuleMetadata metadata = new TestRule().metadata();
        assertThat(metadata.id()).isEqualTo("test-rule");
        assertThat(metadata.examples()).singleElement().satisfies(example -> {
            assertThat(example.file()).isEqualTo("Dockerfile");
            assertThat(List.copyOf(example.alongside().keySet())).containsExactly("b.txt", "a.txt");
        });
    }

    private static List<List<Map.Entry<String, String>>> alongsideInOrder(RuleMetadata metadata) {
        List<List<Map.Entry<String, String>>> files = new ArrayList<>();
        for (RuleMetadata.Example example : metadata.examples()) {
            files.add(List.copyOf(example.alongside().entrySet()));
        }
        return files;
    }

    @RuleDefinition(id = "test-rule", title = "t", severity = Severity.LOW, category = Category.BUILD, checks = "c",
            problem = "p", impact = "i", recommendation = "r", examples = @RuleExample(bad = "FROM a", good = "FROM b",
                    alongside = {@ExampleFile(name = "b.txt", content = "b"), @ExampleFile(name = "a.txt", content = "a")}))
    static final class TestRule implements Rule {
        @Override
        public void check(ReviewContext context) {}
    }
}
