package dev.drydock.core.app;

import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The attribute routes of the ASP.NET Core controllers in one C# file: {@code [Route("api/[controller]")]} on a
 * controller class ({@code [ApiController]}, or a class named {@code ...Controller}) joined to the templates of its
 * actions' {@code [HttpGet("health")]}, {@code [HttpPost]}... and {@code [Route("...")]}; an action template that
 * starts with {@code /} or {@code ~/} is not joined. Tokens {@code [controller]} and {@code [action]} take the class's
 * and the method's names; a template with another token ({@code [area]}) is left out.
 */
final class AspNetControllers {

    private static final Pattern ATTRIBUTE = Pattern.compile("\\b(Route|Http(Get|Post|Put|Delete|Patch|Head|Options))"
            + "(?:Attribute)?\\b\\s*(?:\\(\\s*(?:template\\s*:\\s*)?(@?\"[^\"]*\")?[^)]*\\))?");
    private static final Pattern CLASS = Pattern.compile("\\bclass\\s+(\\w+)(?:\\s*:\\s*([\\w.,\\s<>]+))?");
    private static final Pattern METHOD = Pattern.compile("\\bpublic\\b[^=;(]*?\\b(\\w+)\\s*\\(");
    private static final Pattern CONSTRAINED = Pattern.compile("\\{\\*{0,2}(\\w+)[^}]*}");

    private AspNetControllers() {}

    /** One routing attribute: its verb (null for {@code [Route]}) and template (null when it names none). */
    private record Attribute(String verb, String template) {}

    static void read(SourceFile file, List<Route> out) {
        String code = CStyleComments.blank(file.text(), AspNetControllers::stringEnd);
        String[] lines = code.split("\n", -1);
        List<Attribute> pending = new ArrayList<>();
        boolean apiController = false;
        String controller = null;
        List<String> prefixes = List.of();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("[")) {
                apiController |= line.contains("ApiController");
                Matcher m = ATTRIBUTE.matcher(line);
                while (m.find()) {
                    String template = m.group(3) == null ? null : m.group(3).replaceFirst("^@", "");
                    pending.add(new Attribute(m.group(2) == null ? null : m.group(2).toUpperCase(java.util.Locale.ROOT),
                            template == null ? null : template.substring(1, template.length() - 1)));
                }
                line = line.substring(line.lastIndexOf(']') + 1).strip(); // a declaration on the attribute's line
                if (line.isEmpty()) {
                    continue;
                }
            }
            Matcher type = CLASS.matcher(line);
            if (type.find()) {
                String name = type.group(1);
                String bases = type.group(2) == null ? "" : type.group(2);
                boolean isController = apiController || name.endsWith("Controller") || bases.contains("Controller");
                controller = isController ? name.replaceFirst("Controller$", "") : null;
                prefixes = pending.stream().filter(a -> a.verb() == null && a.template() != null)
                        .map(Attribute::template).toList();
                pending.clear();
                apiController = false;
                continue;
            }
            Matcher method = METHOD.matcher(line);
            if (method.find() && controller != null) {
                for (Attribute a : pending) {
                    for (String path : paths(prefixes, a.template())) {
                        String resolved = path.replace("[controller]", controller)
                                .replace("[action]", method.group(1).replaceFirst("Async$", ""));
                        if (resolved.contains("[")) {
                            continue;
                        }
                        resolved = CONSTRAINED.matcher(resolved).replaceAll("{$1}");
                        out.add(new Route(a.verb() == null ? "ANY" : a.verb(), resolved, false, file.path(), i + 1,
                                Handler.unknown(resolved, file.path(), i + 1), Framework.ASPNET_CORE));
                    }
                }
            }
            if (!line.isEmpty()) {
                pending.clear();
                apiController = false;
            }
        }
    }

    /** The paths an action's template makes under each of its class's templates. */
    private static List<String> paths(List<String> prefixes, String template) {
        if (template != null && (template.startsWith("/") || template.startsWith("~/"))) {
            return List.of(template.replaceFirst("^~", ""));
        }
        List<String> out = new ArrayList<>();
        for (String prefix : prefixes.isEmpty() ? List.of("") : prefixes) {
            String joined = "/" + (prefix.replaceAll("^/+|/+$", "") + "/" + (template == null ? "" : template))
                    .replaceAll("^/+|/+$", "");
            if (!prefixes.isEmpty() || template != null) {
                out.add(joined);
            }
        }
        return out;
    }

    /** The index just after the C# string that starts at {@code start}, or -1 when none starts there. */
    private static int stringEnd(String text, int start) {
        if (text.charAt(start) != '"') {
            return -1;
        }
        int end = text.indexOf('"', start + 1);
        return end < 0 ? text.length() : end + 1;
    }
}
