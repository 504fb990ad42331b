package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Models a container downloads from the Hugging Face Hub when it starts: vLLM's {@code vllm serve MODEL} and
 * {@code --model MODEL}, text-generation-inference's {@code --model-id MODEL}, {@code huggingface-cli download} (or
 * {@code hf download}) in an entry-point script, and {@code from_pretrained("org/name")} or
 * {@code pipeline(..., model="org/name")} in the application's entry module, the id written there or in a name the module
 * binds once at its top ({@code MODEL_ID = "org/name"}, then {@code from_pretrained(MODEL_ID)}). Only Hub ids ({@code org/name}) count:
 * a local path is a model already on disk.
 */
public final class ModelDownloads {

    private ModelDownloads() {}

    /**
     * One download.
     *
     * @param model the Hub id ({@code meta-llama/Llama-3.1-8B-Instruct})
     * @param by what downloads it, for a message ({@code vLLM}, {@code transformers' from_pretrained})
     * @param file where it is named
     * @param span there
     * @param localDir the folder {@code --local-dir} downloads into, or null for the Hugging Face cache
     */
    public record Download(String model, String by, String file, Span span, String localDir) {

        public Origin origin() {
            return new Origin(file, span);
        }
    }

    private static final Pattern HUB_ID = Pattern.compile("[A-Za-z0-9][\\w.-]*/[\\w.-]+");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");
    private static final Pattern FROM_PRETRAINED = Pattern.compile(
            "\\.from_pretrained\\(\\s*(?:pretrained_model_name_or_path\\s*=\\s*)?[\"']([^\"']+)[\"']");
    private static final Pattern PIPELINE_MODEL = Pattern.compile("\\bpipeline\\([^)]*?\\bmodel\\s*=\\s*[\"']([^\"']+)[\"']",
            Pattern.DOTALL);
    /** The same calls given a module's name ({@code from_pretrained(MODEL_ID)}) instead of a literal. */
    private static final Pattern FROM_PRETRAINED_NAME = Pattern.compile(
            "\\.from_pretrained\\(\\s*(?:pretrained_model_name_or_path\\s*=\\s*)?([A-Za-z_]\\w*)\\s*[,)]");
    private static final Pattern PIPELINE_MODEL_NAME = Pattern.compile(
            "\\bpipeline\\([^)]*?\\bmodel\\s*=\\s*([A-Za-z_]\\w*)\\s*[,)]", Pattern.DOTALL);

    /** The models the container downloads when it starts, in the order found. */
    public static List<Download> of(ReviewContext context, Container c) {
        List<Download> found = new ArrayList<>();
        Map<String, String> env = environment(c);
        EffectiveCommand command = c.command();
        String images = images(c);
        if (command != null && !command.isEmpty()) {
            List<String> argv = command.argv();
            boolean vllm = images.contains("vllm") || argv.stream().anyMatch(a -> a.contains("vllm"));
            boolean tgi = images.contains("text-generation-inference")
                    || argv.stream().anyMatch(a -> a.endsWith("text-generation-launcher"));
            for (int i = 0; i < argv.size(); i++) {
                String word = argv.get(i);
                String value = null;
                String by = null;
                if (vllm && (word.equals("--model") || word.equals("serve") && i > 0
                        && argv.get(i - 1).endsWith("vllm")) && i + 1 < argv.size()) {
                    value = argv.get(i + 1);
                    by = "vLLM";
                } else if (vllm && word.startsWith("--model=")) {
                    value = word.substring("--model=".length());
                    by = "vLLM";
                } else if (tgi && word.equals("--model-id") && i + 1 < argv.size()) {
                    value = argv.get(i + 1);
                    by = "text-generation-inference";
                }
                String model = value == null ? null : hubId(value, env);
                if (model != null) {
                    Origin at = command.originOf(value);
                    at = at != null ? at : command.origin();
                    if (at != null) {
                        found.add(new Download(model, by, at.file(), at.span(), null));
                    }
                }
            }
        }
        if (c.build() != null && c.entryPoint() != null) {
            for (String path : c.entryPoint().scripts()) {
                c.scripts().parsed(path).ifPresent(script -> scriptDownloads(script, env, found));
            }
        }
        for (String path : c.entryFiles()) {
            if (path.endsWith(".py")) {
                context.project().source(path).ifPresent(file -> pythonDownloads(file, found));
            }
        }
        return found;
    }

    /**
     * The model the container loads: the first its command, scripts or Python entry files name, else for
     * text-generation-inference the MODEL_ID its launcher reads from the environment.
     */
    public static Optional<String> loaded(ReviewContext context, Container c) {
        List<Download> downloads = of(context, c);
        if (!downloads.isEmpty()) {
            return Optional.of(downloads.get(0).model());
        }
        Map<String, String> env = environment(c);
        Optional<String> id = Optional.ofNullable(env.get("MODEL_ID")).or(() -> c.service() == null ? Optional.empty()
                : c.service().env("MODEL_ID").map(e -> e.value() == null ? null : e.value().value()));
        return id.filter(v -> textGenerationInference(c)).map(v -> hubId(v, env));
    }

    /** The container's environment: the image's ENV and compose environment as the command sees them. */
    public static Map<String, String> environment(Container c) {
        EntryPoint ep = c.entryPoint();
        return ep == null ? Map.of() : ep.environment();
    }

    /** The image the container runs and the base of the image it builds, lower case, for name tests. */
    public static String images(Container c) {
        StringBuilder out = new StringBuilder(c.image() == null ? "" : c.image());
        if (c.build() != null && c.build().model() != null && c.build().stage() != null) {
            var root = Stages.rootStage(c.build().model(), c.build().stage());
            if (root.base() instanceof BaseImage.External e && e.reference() != null) {
                out.append(' ').append(e.reference().familiarName());
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** Whether a base or run image is text-generation-inference's, which points its Hub cache at /data. */
    public static boolean textGenerationInference(Container c) {
        return images(c).contains("text-generation-inference");
    }

    private static void scriptDownloads(ShellScript script, Map<String, String> env, List<Download> found) {
        SourceFile file = script.text().file();
        String text = file.text();
        for (Command cmd : script.commands()) {
            List<String> args = cmd.argumentValues();
            boolean download = (cmd.is("huggingface-cli") || cmd.is("hf")) && !args.isEmpty()
                    && args.get(0).equals("download") && args.size() > 1;
            boolean serve = cmd.is("vllm") && args.size() > 1 && args.get(0).equals("serve");
            if (!download && !serve) {
                continue;
            }
            String model = hubId(args.get(1), env);
            if (model == null) {
                continue;
            }
            String localDir = null;
            int dir = args.indexOf("--local-dir");
            if (download && dir >= 0 && dir + 1 < args.size()) {
                localDir = expand(args.get(dir + 1), env);
            }
            found.add(new Download(model, download ? "`" + cmd.name() + " download`" : "vLLM", file.path(), cmd.span(),
                    localDir));
        }
    }

    private static void pythonDownloads(SourceFile file, List<Download> found) {
        String text = file.text();
        for (Pattern p : List.of(FROM_PRETRAINED, PIPELINE_MODEL, FROM_PRETRAINED_NAME, PIPELINE_MODEL_NAME)) {
            boolean named = p == FROM_PRETRAINED_NAME || p == PIPELINE_MODEL_NAME;
            Matcher m = p.matcher(text);
            while (m.find()) {
                String model = named ? moduleString(text, m.group(1)) : m.group(1);
                if (model != null && HUB_ID.matcher(model).matches()) {
                    int line = lineOf(text, m.start());
                    found.add(new Download(model, p == FROM_PRETRAINED || p == FROM_PRETRAINED_NAME ? "from_pretrained"
                            : "transformers' pipeline", file.path(), file.lines(line, line), null));
                }
            }
        }
    }

    /** The string literal a name is bound to at the top of a module ({@code MODEL = "org/name"}) when bound once; else null. */
    private static String moduleString(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s*=\\s*[\"']([^\"']+)[\"']\\s*(?:#.*)?$").matcher(text);
        if (!m.find()) {
            return null;
        }
        String value = m.group(1);
        boolean rebound = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s*=").matcher(text).results().count() > 1;
        return rebound ? null : value;
    }

    /** The Hub id a word names once its variables are expanded, or null (a local path, an unknown variable). */
    static String hubId(String word, Map<String, String> env) {
        String value = expand(word, env);
        return value != null && HUB_ID.matcher(value).matches() && !value.startsWith(".") ? value : null;
    }

    private static String expand(String word, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(word);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The model's organisation, lower case. */
    public static Optional<String> organisation(String model) {
        int slash = model.indexOf('/');
        return slash > 0 ? Optional.of(model.substring(0, slash).toLowerCase(Locale.ROOT)) : Optional.empty();
    }
}
