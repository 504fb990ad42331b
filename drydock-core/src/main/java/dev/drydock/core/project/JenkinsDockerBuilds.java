package dev.drydock.core.project;

import dev.drydock.core.shell.ShellWords;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The builds of a Jenkins pipeline's Docker plugin: {@code docker.build("image")}, which runs {@code docker build -t
 * image .}, and {@code docker.build("image", "ARGS")}, which runs {@code docker build -t image ARGS}.
 */
final class JenkinsDockerBuilds {

    private JenkinsDockerBuilds() {}

    private static final Pattern CALL = Pattern.compile(
            "\\bdocker\\.build\\(\\s*([\"'])(.*?)\\1\\s*(?:,\\s*([\"'])(.*?)\\3\\s*)?\\)");

    static List<DeclaredBuild> read(SourceFile file, String cwd, Predicate<String> isDirectory,
            Predicate<String> isFile, List<Origin> unplaced) {
        List<DeclaredBuild> out = new ArrayList<>();
        String text = file.text();
        Matcher call = CALL.matcher(text);
        while (call.find()) {
            String folder = JenkinsDirs.folderAt(text, call.start(), cwd);
            if (folder == null) {
                continue;
            }
            List<String> words = new ArrayList<>(List.of("-t", call.group(2)));
            words.addAll(call.group(4) == null ? List.of(".") : ShellWords.split(call.group(4)));
            int cursor = call.group(4) == null ? call.end() : call.start(4);
            DeclaredBuilds.commandLine(file, call.start(), call.end(), words, cursor, folder,
                    BuildTool.JENKINS_DOCKER_BUILD, isDirectory, isFile, unplaced).ifPresent(out::add);
        }
        return out;
    }
}
