package dev.drydock.core.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The part of JSON Schema (draft 7) that the Compose Specification schema uses: type, properties,
 * patternProperties, additionalProperties, items, oneOf, enum, pattern, required, minimum, maximum,
 * uniqueItems and local $ref. Test oracle only. Values are plain Java: Map, List, String, Long, Double,
 * Boolean, null.
 */
final class MiniJsonSchema {

    private final JsonNode root;

    MiniJsonSchema(JsonNode root) {
        this.root = root;
    }

    /** The violations, empty when the value is valid. */
    List<String> validate(Object value) {
        List<String> errors = new ArrayList<>();
        check(root, value, "", errors);
        return errors;
    }

    private void check(JsonNode schema, Object value, String path, List<String> errors) {
        if (schema.has("$ref")) {
            check(resolve(schema.get("$ref").asText()), value, path, errors);
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            errors.add(path + ": wrong type " + typeName(value));
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                if (equalsJson(e, value)) {
                    found = true;
                }
            }
            if (!found) {
                errors.add(path + ": not in enum");
            }
        }
        if (schema.has("oneOf")) {
            int matches = 0;
            for (JsonNode alt : schema.get("oneOf")) {
                List<String> sub = new ArrayList<>();
                check(alt, value, path, sub);
                if (sub.isEmpty()) {
                    matches++;
                }
            }
            if (matches != 1) {
                errors.add(path + ": matches " + matches + " of oneOf");
            }
        }
        if (value instanceof String s && schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
            errors.add(path + ": does not match pattern");
        }
        if (value instanceof Number n) {
            if (schema.has("minimum") && n.doubleValue() < schema.get("minimum").asDouble()) {
                errors.add(path + ": below minimum");
            }
            if (schema.has("maximum") && n.doubleValue() > schema.get("maximum").asDouble()) {
                errors.add(path + ": above maximum");
            }
        }
        if (value instanceof List<?> list) {
            if (schema.has("items")) {
                for (int i = 0; i < list.size(); i++) {
                    check(schema.get("items"), list.get(i), path + "." + i, errors);
                }
            }
            if (schema.path("uniqueItems").asBoolean(false) && new HashSet<>(list).size() != list.size()) {
                errors.add(path + ": items not unique");
            }
        }
        if (value instanceof Map<?, ?> map) {
            if (schema.has("required")) {
                for (JsonNode r : schema.get("required")) {
                    if (!map.containsKey(r.asText())) {
                        errors.add(path + ": missing " + r.asText());
                    }
                }
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                String child = path.isEmpty() ? key : path + "." + key;
                boolean matched = false;
                if (schema.has("properties") && schema.get("properties").has(key)) {
                    matched = true;
                    check(schema.get("properties").get(key), e.getValue(), child, errors);
                }
                if (schema.has("patternProperties")) {
                    for (Map.Entry<String, JsonNode> pp : schema.get("patternProperties").properties()) {
                        if (Pattern.compile(pp.getKey()).matcher(key).find()) {
                            matched = true;
                            check(pp.getValue(), e.getValue(), child, errors);
                        }
                    }
                }
                if (!matched && schema.has("additionalProperties")) {
                    JsonNode ap = schema.get("additionalProperties");
                    if (ap.isBoolean() && !ap.asBoolean()) {
                        errors.add(child + ": additional property not allowed");
                    } else if (ap.isObject()) {
                        check(ap, e.getValue(), child, errors);
                    }
                }
            }
        }
    }

    private JsonNode resolve(String ref) {
        JsonNode n = root;
        for (String part : ref.substring(2).split("/")) {
            n = n.get(part);
        }
        return n;
    }

    private static boolean typeMatches(JsonNode type, Object value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Long || (value instanceof Double d && d == Math.rint(d));
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "null" -> value == null;
            default -> false;
        };
    }

    private static boolean equalsJson(JsonNode e, Object value) {
        if (e.isTextual()) {
            return e.asText().equals(value);
        }
        if (e.isNumber() && value instanceof Number n) {
            return e.asDouble() == n.doubleValue();
        }
        if (e.isBoolean()) {
            return Boolean.valueOf(e.asBoolean()).equals(value);
        }
        return e.isNull() && value == null;
    }

    private static String typeName(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName();
    }

    /** A node tree as plain Java values (interpolated scalars typed as YAML typed them). */
    static Object toJava(Node node) {
        switch (node) {
            case MapNode m -> {
                Map<String, Object> out = new java.util.LinkedHashMap<>();
                for (MapNode.Entry e : m.entries()) {
                    out.put(e.name(), toJava(e.value()));
                }
                return out;
            }
            case SeqNode s -> {
                List<Object> out = new ArrayList<>();
                for (Node item : s.items()) {
                    out.add(toJava(item));
                }
                return out;
            }
            case ScalarNode s -> {
                return switch (s.kind()) {
                    case NULL -> null;
                    case BOOLEAN -> s.asBoolean();
                    case INTEGER -> s.asLong() != null ? (Object) s.asLong() : s.asDouble();
                    case FLOAT -> s.asDouble();
                    case STRING -> s.value();
                };
            }
        }
    }

    static Set<String> keys(JsonNode properties) {
        Set<String> out = new HashSet<>();
        properties.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
