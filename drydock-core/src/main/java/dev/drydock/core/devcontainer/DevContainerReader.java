package dev.drydock.core.devcontainer;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.JsonTree;
import dev.drydock.core.manifest.JsonTree.Arr;
import dev.drydock.core.manifest.JsonTree.Member;
import dev.drydock.core.manifest.JsonTree.Node;
import dev.drydock.core.manifest.JsonTree.Obj;
import dev.drydock.core.manifest.JsonTree.Scalar;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code devcontainer.json} (JSON with comments and trailing commas) into a {@link DevContainer}. Paths in it are
 * relative to its folder; the older top-level {@code dockerFile} and {@code context} are read as {@code build}'s.
 */
public final class DevContainerReader {

    private DevContainerReader() {}

    /** Reads one configuration; a syntax error is a positioned {@link SourceException}. */
    public static DevContainer read(SourceFile file) {
        Node root = JsonTree.parseWithComments(file);
        if (!(root instanceof Obj config)) {
            throw new SourceException(file.path(), 1, 1, "a devcontainer.json holds one JSON object");
        }
        String folder = PathNames.parent(file.path());
        return new DevContainer(file.path(), value(config, "image"), build(config, folder), compose(config, folder),
                value(config, "remoteUser"), value(config, "containerUser"), privileged(config),
                strings(config.member("runArgs")), mounts(config.member("mounts")));
    }

    private static DevContainer.Build build(Obj config, String folder) {
        Obj build = config.object("build");
        Member legacy = config.member("dockerFile");
        String dockerfile = build != null ? build.string("dockerfile") : null;
        if (dockerfile == null && build != null) {
            dockerfile = build.string("dockerFile");
        }
        if (dockerfile == null) {
            dockerfile = config.string("dockerFile");
        }
        if (dockerfile == null) {
            return null;
        }
        String context = build != null && build.string("context") != null ? build.string("context") : config.string("context");
        Map<String, String> args = new LinkedHashMap<>();
        Obj written = build == null ? null : build.object("args");
        if (written != null) {
            written.members().forEach((name, m) -> {
                if (m.value() instanceof Scalar s && s.text() != null) {
                    args.put(name, s.text());
                }
            });
        }
        Member declared = build != null && config.member("build") != null ? config.member("build") : legacy;
        return new DevContainer.Build(resolve(folder, dockerfile), resolve(folder, context == null ? "." : context),
                build == null ? null : build.string("target"), args, declared.keySpan());
    }

    private static DevContainer.Compose compose(Obj config, String folder) {
        Member files = config.member("dockerComposeFile");
        if (files == null) {
            return null;
        }
        List<String> paths = new ArrayList<>();
        for (DevContainer.Value file : files.value() instanceof Arr ? strings(files) : List.of(
                new DevContainer.Value(config.string("dockerComposeFile"), files.value().span()))) {
            String path = file.value() == null ? null : resolve(folder, file.value());
            if (path != null) {
                paths.add(path);
            }
        }
        Member service = config.member("service");
        return new DevContainer.Compose(paths, config.string("service"),
                service != null ? service.value().span() : files.keySpan());
    }

    private static DevContainer.Value privileged(Obj config) {
        Member privileged = config.member("privileged");
        return privileged != null && privileged.value() instanceof Scalar s && "true".equals(s.text())
                ? new DevContainer.Value("true", privileged.keySpan()) : null;
    }

    private static List<DevContainer.Mount> mounts(Member mounts) {
        List<DevContainer.Mount> out = new ArrayList<>();
        if (mounts == null || !(mounts.value() instanceof Arr items)) {
            return out;
        }
        for (Node item : items.items()) {
            if (item instanceof Scalar s && s.text() != null) {
                out.add(DevContainer.Mount.of(s.text(), s.span()));
            } else if (item instanceof Obj o) {
                out.add(new DevContainer.Mount(o.string("source"), o.string("target"), o.span()));
            }
        }
        return out;
    }

    private static DevContainer.Value value(Obj config, String key) {
        Member member = config.member(key);
        return member != null && member.value() instanceof Scalar s && s.text() != null
                ? new DevContainer.Value(s.text(), s.span()) : null;
    }

    private static List<DevContainer.Value> strings(Member member) {
        List<DevContainer.Value> out = new ArrayList<>();
        if (member != null && member.value() instanceof Arr items) {
            for (Node item : items.items()) {
                if (item instanceof Scalar s && s.text() != null) {
                    out.add(new DevContainer.Value(s.text(), s.span()));
                }
            }
        }
        return out;
    }

    /** A path written relative to the configuration's folder, relative to the project root; null outside it. */
    private static String resolve(String folder, String path) {
        return path.startsWith("/") ? null : PathNames.normalizeRelative(PathNames.join(folder, path));
    }
}
