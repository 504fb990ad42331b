package dev.drydock.core.rules.compose;

import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tasks a Laravel application schedules, as its schedule files define them (routes/console.php since Laravel
 * 11, app/Console/Kernel.php before, withSchedule in bootstrap/app.php), and how many of them are marked
 * onOneServer().
 *
 * @param files the schedule files found, relative to the project
 * @param tasks the tasks defined: Schedule::command/call/job/exec and $schedule->command/call/job/exec
 * @param onOneServer the onOneServer() calls
 */
record LaravelSchedule(List<String> files, int tasks, int onOneServer) {

    private static final List<String> FILES = List.of("routes/console.php", "app/Console/Kernel.php", "bootstrap/app.php");
    private static final Pattern TASK = Pattern.compile("(?:\\bSchedule::|\\$schedule->)(?:command|call|job|exec)\\s*\\(");
    private static final Pattern ON_ONE_SERVER = Pattern.compile("->\\s*onOneServer\\s*\\(");

    static LaravelSchedule read(ReviewContext context, Container c) {
        String base = c.build() == null || c.build().context() == null ? "" : c.build().context();
        String prefix = base.isEmpty() || base.equals(".") ? "" : base.replaceAll("/+$", "") + "/";
        List<String> found = new java.util.ArrayList<>();
        int tasks = 0;
        int once = 0;
        for (String file : FILES) {
            var source = context.project().source(prefix + file);
            if (source.isEmpty()) {
                continue;
            }
            String text = source.get().text();
            int defined = count(TASK.matcher(text));
            if (defined > 0) {
                found.add(prefix + file);
                tasks += defined;
                once += count(ON_ONE_SERVER.matcher(text));
            }
        }
        return new LaravelSchedule(found, tasks, once);
    }

    /** The schedule as the message tells it: how many tasks lack the lock, or nothing when no file was read. */
    String describe() {
        if (files.isEmpty()) {
            return "";
        }
        String where = String.join(" and ", files);
        return onOneServer == 0
                ? " (no task in " + where + " is marked onOneServer())"
                : " (" + (tasks - onOneServer) + " of the " + tasks + " tasks in " + where + " are not marked"
                        + " onOneServer())";
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
