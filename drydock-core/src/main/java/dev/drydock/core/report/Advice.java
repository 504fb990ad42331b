package dev.drydock.core.report;

import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The distinct recommendations of one rule's findings shown together. Two places share a recommendation
 * when their recommendations are equal once the names that only that place's message has (its service,
 * variable, image, path) are set aside: "Add pids_limit: 200 to api" and "... to worker" are one piece of
 * advice, while a model server's memory advice and a cache's are two. A name counts only when no other
 * message of the group has it, so a word that several places share is never taken for a name; when in
 * doubt the advice is split, never merged.
 */
final class Advice {

    /**
     * One recommendation and the places it belongs to.
     *
     * @param text the recommendation as written for the first of its places
     * @param findings its places, in the group's order
     * @param verbatim whether every place's recommendation is exactly this text
     */
    record Shared(String text, List<Finding> findings, boolean verbatim) {

        List<Finding> others() {
            return findings.subList(1, findings.size());
        }
    }

    private static final char NAME = '\u0000';
    private static final String TRIM = "()[]{}<>,;:.!?'\"`";

    private Advice() {}

    /** The group's recommendations, each once with its places, in the order of their first place. */
    static List<Shared> of(List<Finding> group) {
        List<Set<String>> tokens = group.stream().map(f -> tokens(f.message())).toList();
        Map<String, List<Finding>> byAdvice = new LinkedHashMap<>();
        for (int i = 0; i < group.size(); i++) {
            Set<String> names = new HashSet<>(tokens.get(i));
            for (int j = 0; j < group.size(); j++) {
                if (j != i) {
                    names.removeAll(tokens.get(j));
                }
            }
            Finding f = group.get(i);
            byAdvice.computeIfAbsent(withoutNames(f.effectiveRecommendation(), names), k -> new ArrayList<>()).add(f);
        }
        return byAdvice.values().stream().map(places -> new Shared(places.get(0).effectiveRecommendation(),
                List.copyOf(places), places.stream().map(Finding::effectiveRecommendation).distinct().count() == 1))
                .toList();
    }

    /**
     * Whether the places of several recommendations can be told apart by their labels ({@code label} of each
     * place): no place without a line, no label twice. Otherwise a report shows each place's own recommendation.
     */
    static boolean labelled(List<Finding> group, java.util.function.Function<Location, String> label) {
        return group.stream().allMatch(f -> f.location().span() != null)
                && group.stream().map(f -> label.apply(f.location())).distinct().count() == group.size();
    }

    /** The words of a message, without the punctuation around them; only those with a letter or a digit. */
    private static Set<String> tokens(String message) {
        Set<String> words = new HashSet<>();
        for (String word : message.split("\\s+")) {
            int start = 0;
            int end = word.length();
            while (start < end && TRIM.indexOf(word.charAt(start)) >= 0) {
                start++;
            }
            while (end > start && TRIM.indexOf(word.charAt(end - 1)) >= 0) {
                end--;
            }
            String token = word.substring(start, end);
            if (token.chars().anyMatch(Character::isLetterOrDigit)) {
                words.add(token);
            }
        }
        return words;
    }

    /** The text with each whole occurrence of a name (not inside a longer word) replaced by one mark. */
    private static String withoutNames(String text, Set<String> names) {
        String result = text;
        for (String name : names.stream().sorted(Comparator.comparingInt(String::length).reversed()
                .thenComparing(Comparator.naturalOrder())).toList()) {
            StringBuilder out = new StringBuilder();
            int from = 0;
            int at;
            while ((at = result.indexOf(name, from)) >= 0) {
                int end = at + name.length();
                boolean whole = (at == 0 || !word(result.charAt(at - 1))) && (end == result.length() || !word(result.charAt(end)));
                out.append(result, from, at).append(whole ? String.valueOf(NAME) : name);
                from = end;
            }
            result = out.append(result.substring(from)).toString();
        }
        return result;
    }

    private static boolean word(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == NAME;
    }
}
