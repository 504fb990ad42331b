package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The health route that Rails (7.1 and later) and Laravel (11 and later) write into a new application, read from
 * the file their generators put it in: {@code get "up" => "rails/health#show"} in {@code config/routes.rb},
 * {@code ->withRouting(health: '/up')} in {@code bootstrap/app.php}. Only that route is claimed: the application's
 * other routes are not read, so no other path is determined.
 */
final class ConventionalHealthRoutes {

    private static final Pattern RAILS = Pattern.compile(
            "(?m)^\\s*get\\s*\\(?\\s*[\"']/?([\\w./-]*)[\"']\\s*(?:=>|,\\s*to:)\\s*[\"']rails/health#show[\"']");
    private static final Pattern LARAVEL = Pattern.compile("\\bhealth\\s*:\\s*['\"](/?[\\w./-]*)['\"]");

    private ConventionalHealthRoutes() {}

    /** The Rails or Laravel application in {@code dir} with its generated health route, if it has one. */
    static Optional<AppSource> read(SourceSet files, String dir) {
        Optional<AppSource> rails = find(files, PathNames.join(dir, "config/routes.rb"), RAILS, Framework.RAILS,
                "Rails::HealthController answers 200 once the application has booted, without checking its database");
        return rails.isPresent() ? rails : find(files, PathNames.join(dir, "bootstrap/app.php"), LARAVEL,
                Framework.LARAVEL, "Laravel's health route answers 200 once the application has booted");
    }

    private static Optional<AppSource> find(SourceSet files, String file, Pattern pattern, Framework framework,
            String why) {
        String text = files.read(file).map(f -> f.text()).orElse(null);
        Matcher m = text == null ? null : pattern.matcher(text);
        if (m == null || !m.find()) {
            return Optional.empty();
        }
        String path = m.group(1).startsWith("/") ? m.group(1) : "/" + m.group(1);
        int line = (int) text.substring(0, m.start(1)).chars().filter(c -> c == '\n').count() + 1;
        Route route = new Route("GET", path, false, file, line, Handler.constant("up", file, line, why), framework);
        return Optional.of(AppSource.withRoutes(framework, new Routes(true, List.of(route), List.of(""))));
    }
}
