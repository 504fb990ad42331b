package dev.drydock.core.bake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The built-in functions drydock evaluates as Bake does, on known values: the string and list functions Bake files use
 * to build names and tags. Any other call is unknown.
 */
final class BakeFunctions {

    private BakeFunctions() {}

    static Optional<Object> call(String function, List<Object> args) {
        return switch (function) {
            case "lower" -> text(args, 1).map(a -> BakeValues.lower(a.get(0)));
            case "upper" -> text(args, 1).map(a -> a.get(0).toUpperCase(Locale.ROOT));
            case "trimprefix" -> text(args, 2).map(a -> a.get(0).startsWith(a.get(1))
                    ? a.get(0).substring(a.get(1).length()) : a.get(0));
            case "trimsuffix" -> text(args, 2).map(a -> a.get(0).endsWith(a.get(1))
                    ? a.get(0).substring(0, a.get(0).length() - a.get(1).length()) : a.get(0));
            case "equal" -> equal(args);
            case "notequal" -> equal(args).map(same -> !(Boolean) same);
            case "split" -> text(args, 2).filter(a -> !a.get(0).isEmpty())
                    .map(a -> BakeValues.split(a.get(0), a.get(1)));
            case "join" -> join(args);
            case "concat" -> concat(args);
            case "compact" -> args.size() == 1 ? BakeValues.strings(args.get(0))
                    .map(list -> list.stream().filter(s -> !s.isEmpty()).toList()) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Arguments that are all strings (booleans written as strings), when there are {@code count} of them. */
    private static Optional<List<String>> text(List<Object> args, int count) {
        if (args.size() != count || !args.stream().allMatch(a -> a instanceof String || a instanceof Boolean)) {
            return Optional.empty();
        }
        return Optional.of(args.stream().map(String::valueOf).toList());
    }

    private static Optional<Object> equal(List<Object> args) {
        if (args.size() != 2) {
            return Optional.empty();
        }
        Object a = args.get(0);
        Object b = args.get(1);
        if (a == BakeValues.NULL || b == BakeValues.NULL) {
            return Optional.of(a == b);
        }
        return a instanceof String && b instanceof String ? Optional.of(a.equals(b)) : Optional.empty();
    }

    private static Optional<Object> join(List<Object> args) {
        if (args.size() < 2 || !(args.get(0) instanceof String separator)) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (Object list : args.subList(1, args.size())) {
            Optional<List<String>> strings = BakeValues.strings(list);
            if (strings.isEmpty()) {
                return Optional.empty();
            }
            parts.addAll(strings.get());
        }
        return Optional.of(String.join(separator, parts));
    }

    private static Optional<Object> concat(List<Object> args) {
        List<Object> out = new ArrayList<>();
        for (Object list : args) {
            if (!(list instanceof List<?> items)) {
                return Optional.empty();
            }
            out.addAll(items);
        }
        return Optional.of(out);
    }
}
