package dev.drydock.core.bake;

import dev.drydock.core.bake.HclExpression.Call;
import dev.drydock.core.bake.HclExpression.ListOf;
import dev.drydock.core.bake.HclExpression.Literal;
import dev.drydock.core.bake.HclExpression.ObjectOf;
import dev.drydock.core.bake.HclExpression.Reference;
import dev.drydock.core.bake.HclExpression.Template;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates Bake expressions with the variables' defaults, as {@code docker buildx bake --print} shows them when the
 * environment sets none of them: strings, lists and objects; empty when a part is unknown (a function drydock does not
 * evaluate, an operator, another target's attribute).
 */
public final class BakeValues {

    private final Map<String, HclExpression> defaults;
    private final Set<String> evaluating = new HashSet<>();

    /** @param defaults each variable's {@code default}, null for a variable declared without one */
    public BakeValues(Map<String, HclExpression> defaults) {
        this.defaults = defaults;
    }

    public Optional<Object> value(HclExpression expression) {
        return switch (expression) {
            case Literal l -> Optional.of(l.value() instanceof BigDecimal n ? n.stripTrailingZeros().toPlainString()
                    : l.value() == null ? "" : l.value());
            case Template t -> template(t);
            case ListOf l -> list(l);
            case ObjectOf o -> object(o);
            case Reference r -> r.path().size() == 1 ? variable(r.path().get(0)) : Optional.empty();
            case Call c -> call(c);
            case HclExpression.Opaque o -> Optional.empty();
        };
    }

    /** The value as a string: a string, number or boolean; empty otherwise. */
    public Optional<String> string(HclExpression expression) {
        return value(expression).filter(v -> v instanceof String || v instanceof Boolean).map(String::valueOf);
    }

    /** Whether the expression reads a variable, which the environment of the build may set. */
    public boolean readsVariable(HclExpression expression) {
        return switch (expression) {
            case Reference r -> r.path().size() == 1 && defaults.containsKey(r.path().get(0));
            case Template t -> t.parts().stream().anyMatch(p -> p instanceof HclExpression e && readsVariable(e));
            case ListOf l -> l.items().stream().anyMatch(this::readsVariable);
            case Call c -> c.arguments().stream().anyMatch(this::readsVariable);
            default -> false;
        };
    }

    private Optional<Object> variable(String name) {
        if (!defaults.containsKey(name) || !evaluating.add(name)) {
            return Optional.empty();
        }
        try {
            HclExpression given = defaults.get(name);
            return given == null ? Optional.of("") : value(given);
        } finally {
            evaluating.remove(name);
        }
    }

    private Optional<Object> template(Template template) {
        StringBuilder out = new StringBuilder();
        for (Object part : template.parts()) {
            if (part instanceof String s) {
                out.append(s);
            } else {
                Optional<String> value = string((HclExpression) part);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                out.append(value.get());
            }
        }
        return Optional.of(out.toString());
    }

    private Optional<Object> list(ListOf list) {
        List<Object> out = new ArrayList<>();
        for (HclExpression item : list.items()) {
            Optional<Object> value = value(item);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            out.add(value.get());
        }
        return Optional.of(out);
    }

    private Optional<Object> object(ObjectOf object) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (HclExpression.Entry entry : object.entries()) {
            Optional<Object> value = value(entry.value());
            if (entry.key() == null || value.isEmpty()) {
                return Optional.empty();
            }
            out.put(entry.key(), value.get());
        }
        return Optional.of(out);
    }

    /** The few string functions Bake files use to build names; any other call is unknown. */
    private Optional<Object> call(Call call) {
        List<String> args = new ArrayList<>();
        for (HclExpression argument : call.arguments()) {
            Optional<String> value = string(argument);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            args.add(value.get());
        }
        return switch (call.function()) {
            case "lower" -> args.size() == 1 ? Optional.of(args.get(0).toLowerCase(Locale.ROOT)) : Optional.empty();
            case "upper" -> args.size() == 1 ? Optional.of(args.get(0).toUpperCase(Locale.ROOT)) : Optional.empty();
            case "trimprefix" -> args.size() == 2 ? Optional.of(args.get(0).startsWith(args.get(1))
                    ? args.get(0).substring(args.get(1).length()) : args.get(0)) : Optional.empty();
            case "trimsuffix" -> args.size() == 2 ? Optional.of(args.get(0).endsWith(args.get(1))
                    ? args.get(0).substring(0, args.get(0).length() - args.get(1).length()) : args.get(0))
                    : Optional.empty();
            case "equal" -> args.size() == 2 ? Optional.of(args.get(0).equals(args.get(1))) : Optional.empty();
            case "notequal" -> args.size() == 2 ? Optional.of(!args.get(0).equals(args.get(1))) : Optional.empty();
            default -> Optional.empty();
        };
    }
}
