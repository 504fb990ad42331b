package dev.drydock.core.rules.app;

import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.KamalDeploy;
import dev.drydock.core.rules.support.KubernetesRuns;
import dev.drydock.core.rules.support.ModelDownloads;
import dev.drydock.core.rules.support.ModelDownloads.Download;
import dev.drydock.core.rules.support.PersistentMounts;
import dev.drydock.core.rules.support.Stages;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

@RuleDefinition(
        id = "model-cache-not-persisted",
        title = "The model is downloaded again by every new container",
        severity = Severity.MEDIUM,
        category = Category.PERFORMANCE,
        checks = "Containers that download a model from the Hugging Face Hub when they start: vLLM (vllm serve"
                + " MODEL, --model MODEL, in the command or an entry-point script), text-generation-inference"
                + " (--model-id MODEL), huggingface-cli download or hf download in an entry-point script, and"
                + " from_pretrained(\"org/name\") or pipeline(model=\"org/name\") in the application's entry module (the id"
                + " written in the call, or in a name the module binds once at its top: MODEL = \"org/name\")."
                + " Only Hub ids (org/name, variables expanded) count; a local path is a model already on disk. The"
                + " download goes to --local-dir when given, else to the Hugging Face cache: HF_HUB_CACHE (or the"
                + " older HUGGINGFACE_HUB_CACHE), TRANSFORMERS_CACHE for transformers, HF_HOME, $XDG_CACHE_HOME/"
                + "huggingface, else ~/.cache/huggingface (/root for root; /data in the text-generation-inference"
                + " image, which points its Hub cache there). Reported when no compose volume and no VOLUME of the image"
                + " covers that folder. Quiet when a RUN of the image downloads the model at build time, and when"
                + " HF_HUB_OFFLINE or TRANSFORMERS_OFFLINE is set, and, for an image no compose file runs, when every"
                + " Kubernetes container that runs it mounts a lasting volume there (not an emptyDir, which goes with"
                + " the pod) or the Kamal deployment that ships it (config/deploy.yml) has a volume there. The message also says when the model is gated and no"
                + " HF_TOKEN or HUGGING_FACE_HUB_TOKEN is set: only for the organisations whose models are all"
                + " gated behind a licence to accept, meta-llama and google's gemma models (other organisations"
                + " gate some models and not others, which drydock cannot tell offline).",
        problem = "A container's file system starts from the image every time: a model downloaded into it at start"
                + " is lost with the container, so each new container (a recreate after a change, docker compose"
                + " up on another host, a scaled replica) downloads the model's gigabytes again.",
        impact = "Starts take minutes instead of seconds, each restart costs the download's bandwidth, the Hub's"
                + " rate limits or an outage keep the service from starting, and the disk of the container fills"
                + " with a copy per container.",
        recommendation = "Mount a named volume on the Hugging Face cache (hf-cache:/root/.cache/huggingface, or set"
                + " HF_HOME to the folder you mount), so that the model is downloaded once and reused. Pass HF_TOKEN"
                + " for a gated model from an env_file or a secret, never written in the compose file.",
        references = {
                "https://huggingface.co/docs/huggingface_hub/package_reference/environment_variables",
                "https://huggingface.co/docs/huggingface_hub/guides/manage-cache",
                "https://docs.vllm.ai/en/latest/deployment/docker.html",
                "https://huggingface.co/docs/text-generation-inference/quicktour"},
        fix = FixSafety.NONE,
        effort = "5 min",
        examples = @RuleExample(
                file = "compose.yaml",
                bad = """
                        services:
                          llm:
                            image: vllm/vllm-openai:v0.6.3
                            command: ["--model", "Qwen/Qwen2.5-1.5B-Instruct"]
                            ports:
                              - "127.0.0.1:8000:8000"
                        """,
                good = """
                        services:
                          llm:
                            image: vllm/vllm-openai:v0.6.3
                            command: ["--model", "Qwen/Qwen2.5-1.5B-Instruct"]
                            ports:
                              - "127.0.0.1:8000:8000"
                            volumes:
                              - hf-cache:/root/.cache/huggingface
                        volumes:
                          hf-cache:
                        """))
public final class ModelCacheNotPersisted implements Rule {

    private static final Set<String> TOKENS = Set.of("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_TOKEN_PATH");

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (Container c : context.project().containers()) {
            List<Download> downloads = ModelDownloads.of(context, c);
            if (downloads.isEmpty()) {
                continue;
            }
            Map<String, String> env = ModelDownloads.environment(c);
            if (offline(env)) {
                continue;
            }
            for (Download d : downloads) {
                String cache = cache(c, d, env);
                List<KubernetesRuns> kube = c.isComposeService() ? List.of() : KubernetesRuns.of(context, c);
                if (persisted(context, c, cache) || mountedByEveryPod(c, kube, cache) || downloadedAtBuild(c, d)
                        || !reported.add(d.origin().toString())) {
                    continue;
                }
                String where = d.localDir() != null ? cache + " (--local-dir)" : cache + describeCache(c, env);
                String runner = c.isComposeService() ? "" : "; no compose file of the project runs the image, so this"
                        + " holds wherever it is started without a volume there" + unmounted(c, kube, cache);
                context.finding(this, d.origin(), "`" + d.model() + "` is downloaded from the Hugging Face Hub by "
                                + d.by() + " when the container starts, into " + where + ", and no volume is mounted"
                                + " there: every new container downloads the model again, its start waits for it, and"
                                + " the Hub's rate limits or an outage keep it from starting" + runner
                                + gatedNote(c, d, env))
                        .recommendation(recommendation(c, cache, d, env))
                        .add();
            }
        }
    }

    private static boolean offline(Map<String, String> env) {
        for (String name : List.of("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")) {
            String v = env.getOrDefault(name, "").toLowerCase(Locale.ROOT);
            if (v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("on")) {
                return true;
            }
        }
        return false;
    }

    /** The folder the model is downloaded into. */
    static String cache(Container c, Download d, Map<String, String> env) {
        if (d.localDir() != null) {
            return d.localDir();
        }
        for (String name : List.of("HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE")) {
            if (nonEmpty(env.get(name))) {
                return clean(env.get(name));
            }
        }
        boolean transformers = d.by().contains("pretrained") || d.by().contains("pipeline");
        if (transformers && nonEmpty(env.get("TRANSFORMERS_CACHE"))) {
            return clean(env.get("TRANSFORMERS_CACHE"));
        }
        if (nonEmpty(env.get("HF_HOME"))) {
            return clean(env.get("HF_HOME"));
        }
        if (ModelDownloads.textGenerationInference(c)) {
            return "/data";
        }
        if (nonEmpty(env.get("XDG_CACHE_HOME"))) {
            return clean(env.get("XDG_CACHE_HOME")) + "/huggingface";
        }
        return home(c, env) + "/.cache/huggingface";
    }

    private static String home(Container c, Map<String, String> env) {
        if (nonEmpty(env.get("HOME"))) {
            return clean(env.get("HOME"));
        }
        String user = c.user() == null ? "root" : c.user().value().split(":")[0];
        return user.equals("root") || user.equals("0") ? "/root" : "/home/" + user;
    }

    private static String describeCache(Container c, Map<String, String> env) {
        if (nonEmpty(env.get("HF_HUB_CACHE")) || nonEmpty(env.get("HUGGINGFACE_HUB_CACHE"))) {
            return " (the Hugging Face cache, HF_HUB_CACHE)";
        }
        if (nonEmpty(env.get("HF_HOME"))) {
            return " (the Hugging Face cache, HF_HOME)";
        }
        return ModelDownloads.textGenerationInference(c) ? " (the Hub cache folder the image sets)" : " (the Hugging Face cache)";
    }

    /**
     * Whether a volume holds the folder or lies inside it: one of the compose service (or a VOLUME of the image), or,
     * for an image no compose file runs, one of the Kamal deployment that ships it.
     */
    private static boolean persisted(ReviewContext context, Container c, String cache) {
        if (PersistentMounts.reaches(PersistentMounts.of(c), cache)) {
            return true;
        }
        return !c.isComposeService() && KamalDeploy.of(context, c)
                .filter(d -> PersistentMounts.reaches(PersistentMounts.of(c, d), cache)).isPresent();
    }

    /** Whether Kubernetes runs the image and every container that runs it mounts a lasting volume on the folder. */
    private static boolean mountedByEveryPod(Container c, List<KubernetesRuns> kube, String cache) {
        return !kube.isEmpty() && kube.stream().allMatch(r -> PersistentMounts.reaches(PersistentMounts.of(c, r), cache));
    }

    /** The Kubernetes containers that run the image without a lasting volume on the folder, in words. */
    private static String unmounted(Container c, List<KubernetesRuns> kube, String cache) {
        List<String> without = kube.stream().filter(r -> !PersistentMounts.reaches(PersistentMounts.of(c, r), cache))
                .map(r -> r.workload().describe(r.container())).toList();
        return without.isEmpty() ? "" : ", as " + String.join(", ", without) + " does";
    }

    /** Whether a RUN of the image downloads the model (or the same models) when it is built. */
    private static boolean downloadedAtBuild(Container c, Download d) {
        if (c.build() == null || c.build().model() == null || c.build().stage() == null) {
            return false;
        }
        for (var stage : Stages.inImage(c.build().model(), c.build().stage())) {
            for (CommandSpec run : stage.runs()) {
                String text = run.instruction().rawText();
                if (text.contains(d.model()) || text.contains("snapshot_download")
                        || text.matches("(?s).*\\b(huggingface-cli|hf) download\\b.*")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The organisations whose models are all gated, and google's gemma models. */
    static boolean gated(String model) {
        String lower = model.toLowerCase(Locale.ROOT);
        return lower.startsWith("meta-llama/") || lower.startsWith("google/gemma");
    }

    private static boolean tokenGiven(Container c, Map<String, String> env) {
        if (env.keySet().stream().anyMatch(TOKENS::contains)) {
            return true;
        }
        Service s = c.service();
        return s != null && (!s.envFiles().isEmpty() || !s.secrets().isEmpty()
                || s.environment().stream().anyMatch(v -> TOKENS.contains(v.name())));
    }

    private static String gatedNote(Container c, Download d, Map<String, String> env) {
        if (!gated(d.model()) || tokenGiven(c, env)) {
            return "";
        }
        return "; " + d.model() + " is also a gated model: the Hub answers 401 unless HF_TOKEN (or"
                + " HUGGING_FACE_HUB_TOKEN) holds the token of an account granted access, and "
                + (c.isComposeService() ? "the service " + c.name() + " sets neither" : "the image sets neither");
    }

    private static String recommendation(Container c, String cache, Download d, Map<String, String> env) {
        String home = env.get("HF_HOME");
        String folder = d.localDir() != null && nonEmpty(home) && cache.startsWith(clean(home) + "/") ? clean(home)
                : cache;
        String mount = "hf-cache:" + folder;
        String out = c.isComposeService()
                ? "Mount a named volume on " + (folder.equals(cache) ? "the folder" : folder) + ": add `" + mount + "` to the volumes of " + c.name() + " and"
                        + " `hf-cache:` to the top-level volumes, so that the model is downloaded once and every later"
                        + " container reuses it."
                : "Start the container with a named volume on " + (folder.equals(cache) ? "the folder" : folder) + " (docker run -v " + mount + " ...; in"
                        + " compose, `volumes: [" + mount + "]`), so that the model is downloaded once and every later"
                        + " container reuses it.";
        if (gated(d.model()) && !tokenGiven(c, env)) {
            out += " Give it HF_TOKEN from an env_file kept out of version control or a secret (never written in"
                    + " the Dockerfile or the compose file), with a token of an account that accepted "
                    + d.model() + "'s licence.";
        }
        return out;
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isBlank() && !s.contains("$");
    }

    private static String clean(String path) {
        String p = path.strip();
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
