package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables a Makefile or shell script sets to a literal value at the start of a line ({@code IMAGE :=
 * ghcr.io/acme/api}, {@code IMAGE=ghcr.io/acme/api}), so that an image name written with them ({@code $(IMAGE):1.2},
 * {@code $IMAGE}) reads as the name. A name set more than once, or to a value with another variable, stays unknown.
 */
final class FileVariables {

    private static final Pattern MAKE = Pattern.compile(
            "(?m)^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*(?::{1,3}=|\\?=|=)[ \\t]*([^\\s#$]+)[ \\t]*(?:#.*)?$");
    private static final Pattern SHELL = Pattern.compile(
            "(?m)^[ \\t]*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=([\"']?)([^\\s\"'$;&|#]+)\\2[ \\t]*$");
    private static final Pattern USE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)|\\$\\{([A-Za-z_][A-Za-z0-9_]*)}"
            + "|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private FileVariables() {}

    /** The value with the file's literal variables put in; the value as written when the file is neither kind. */
    static String expand(String path, String text, String value) {
        if (!value.contains("$")) {
            return value;
        }
        Map<String, String> known = read(path, text);
        if (known.isEmpty()) {
            return value;
        }
        boolean make = isMake(path);
        return USE.matcher(value).replaceAll(m -> {
            // make reads $(X) and ${X}; a shell reads ${X} and $X, and $(X) runs a command
            String name = m.group(2) != null ? m.group(2) : make ? m.group(1) : m.group(3);
            String found = name == null ? null : known.get(name);
            return Matcher.quoteReplacement(found != null ? found : m.group());
        });
    }

    private static Map<String, String> read(String path, String text) {
        boolean make = isMake(path);
        if (!make && !path.endsWith(".sh")) {
            return Map.of();
        }
        Map<String, String> values = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        Matcher m = (make ? MAKE : SHELL).matcher(text);
        while (m.find()) {
            values.put(m.group(1), make ? m.group(2) : m.group(3));
            counts.merge(m.group(1), 1, Integer::sum);
        }
        counts.forEach((name, count) -> {
            if (count > 1) {
                values.remove(name);
            }
        });
        return values;
    }

    private static boolean isMake(String path) {
        String name = PathNames.fileName(path);
        return name.equals("Makefile") || name.equals("makefile") || name.equals("GNUmakefile") || name.endsWith(".mk");
    }
}
