package dev.drydock.core.app;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The profiles a Spring Boot application runs with, as Spring Boot 2.4 and later tell them: the profiles of
 * {@code spring.profiles.include} first, then those of {@code spring.profiles.active}, each expanded by its
 * {@code spring.profiles.group.<name>} into itself and its members (depth first); when none is active, those of
 * {@code spring.profiles.default} ({@code default} unless set), expanded the same way. These keys count only in
 * documents that are not profile-specific; the environment's variables ({@code SPRING_PROFILES_ACTIVE} ...) win over
 * the files, a later document over an earlier one, and the includes of every document add up.
 *
 * @param active the profiles, in the order their files apply (the last wins)
 * @param known whether they can be told: false when a setting is a placeholder ({@code ${PROFILE}})
 */
record SpringProfiles(List<String> active, boolean known) {

    private static final String GROUP = "spring.profiles.group.";
    private static final String GROUP_VARIABLE = "SPRING_PROFILES_GROUP_";
    private static final int MAX_PROFILES = 64;

    SpringProfiles {
        active = List.copyOf(active);
    }

    /**
     * The profiles the documents and the environment choose.
     *
     * @param plain the documents that are not profile-specific, from the lowest precedence to the highest
     * @param env the environment, with the java command's properties written as the variables they bind from
     */
    static SpringProfiles resolve(List<PropertyFiles.Document> plain, Map<String, String> env) {
        String active = last(plain, env, "spring.profiles.active", "SPRING_PROFILES_ACTIVE");
        String fallback = last(plain, env, "spring.profiles.default", "SPRING_PROFILES_DEFAULT");
        List<String> includes = new ArrayList<>();
        Map<String, String> groups = new LinkedHashMap<>();
        for (PropertyFiles.Document d : plain) {
            String include = SpringConfig.lookup(d, "spring.profiles.include");
            if (include != null) {
                includes.add(include);
            }
            d.values().forEach((key, value) -> {
                if (key.startsWith(GROUP) && key.length() > GROUP.length() && !key.endsWith("]")) {
                    groups.put(key.substring(GROUP.length()), value);
                }
            });
        }
        env.forEach((name, value) -> {
            if (name.equals("SPRING_PROFILES_INCLUDE")) {
                includes.add(value);
            } else if (name.startsWith(GROUP_VARIABLE) && name.length() > GROUP_VARIABLE.length()) {
                groups.put(name.substring(GROUP_VARIABLE.length()).toLowerCase(Locale.ROOT), value);
            }
        });
        List<String> written = new ArrayList<>(includes);
        written.add(active);
        written.add(fallback);
        written.addAll(groups.values());
        String json = env.get("SPRING_APPLICATION_JSON");
        if (json != null && json.contains("profiles") // sets them in a way drydock does not read
                || written.stream().anyMatch(v -> v != null && v.contains("${"))) {
            return new SpringProfiles(List.of(), false);
        }
        Set<String> chosen = new LinkedHashSet<>();
        includes.forEach(i -> chosen.addAll(split(i)));
        chosen.addAll(split(active));
        if (chosen.isEmpty()) {
            chosen.addAll(fallback == null ? List.of("default") : split(fallback));
        }
        return new SpringProfiles(expand(List.copyOf(chosen), groups), true);
    }

    /** The value of the key: the environment's variable, else the last document's that sets it. */
    private static String last(List<PropertyFiles.Document> plain, Map<String, String> env, String key,
            String variable) {
        if (env.containsKey(variable)) {
            return env.get(variable);
        }
        String out = null;
        for (PropertyFiles.Document d : plain) {
            String v = SpringConfig.lookup(d, key);
            if (v != null) {
                out = v;
            }
        }
        return out;
    }

    /** Each profile followed by the members of its group, and theirs, each profile once. */
    private static List<String> expand(List<String> profiles, Map<String, String> groups) {
        Deque<String> stack = new ArrayDeque<>();
        profiles.reversed().forEach(stack::push);
        Set<String> out = new LinkedHashSet<>();
        while (!stack.isEmpty() && out.size() < MAX_PROFILES) {
            String current = stack.pop();
            if (out.add(current)) {
                split(groups.get(current)).reversed().forEach(stack::push);
            }
        }
        return List.copyOf(out);
    }

    private static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String p : value.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
        }
        return out;
    }
}
