package dev.drydock.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What CatalogSource does with annotations it was not written for. */
class CatalogSourceTest {

    @Test
    void elementsTheCatalogueDoesNotCarryAreNamed() {
        Map<String, Object> file = Map.of("name", "app.py", "content", "", "mode", "0644");
        Map<String, Object> example = Map.of("file", "Dockerfile", "bad", "", "good", "", "alongside", List.of(file),
                "note", "");
        Map<String, Object> definition = Map.of("id", "x", "owner", "someone", "examples", List.of(example));
        assertThat(CatalogSource.unknownElements(definition))
                .containsExactlyInAnyOrder("RuleDefinition.owner", "RuleExample.note", "ExampleFile.mode");
    }

    @Test
    void aDefinitionWithoutSomeValueIsIncomplete() {
        assertThat(CatalogSource.complete(Map.of("id", "x", "examples", List.of()))).isFalse();
    }
}
