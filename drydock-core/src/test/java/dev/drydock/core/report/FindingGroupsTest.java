package dev.drydock.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.review.Location;
import dev.drydock.core.source.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingGroupsTest {

    private static Location at(String file, int line) {
        return new Location(file, new Span(0, 1, line, 1, line, 2));
    }

    @Test
    void groupsKeepTheOrderOfTheirFirstItem() {
        List<List<String>> groups = FindingGroups.by(List.of("b1", "a1", "b2", "c1", "a2"), s -> s.charAt(0));
        assertThat(groups).containsExactly(List.of("b1", "b2"), List.of("a1", "a2"), List.of("c1"));
    }

    @Test
    void placesNameEachFileOnceWithItsLines() {
        assertThat(FindingGroups.places(List.of(at("compose.yaml", 7), at("compose.yaml", 8), at("compose.yaml", 23))))
                .isEqualTo("`compose.yaml` lines 7, 8 and 23");
        assertThat(FindingGroups.places(List.of(at("compose.yaml", 7), at("Dockerfile", 3), at("compose.yaml", 7))))
                .isEqualTo("`compose.yaml` line 7, `Dockerfile` line 3");
        assertThat(FindingGroups.places(List.of(Location.PROJECT, new Location("Dockerfile", null))))
                .isEqualTo("project-wide, `Dockerfile`");
    }

    @Test
    void onePlaceNamesTheFileOnlyWhenTheGroupSpansSeveral() {
        assertThat(FindingGroups.place(at("compose.yaml", 7), true)).isEqualTo("line 7");
        assertThat(FindingGroups.place(at("compose.yaml", 7), false)).isEqualTo("`compose.yaml` line 7");
        assertThat(FindingGroups.place(new Location("Dockerfile", null), true)).isEqualTo("`Dockerfile`");
        assertThat(FindingGroups.place(Location.PROJECT, false)).isEqualTo("project-wide");
    }
}
