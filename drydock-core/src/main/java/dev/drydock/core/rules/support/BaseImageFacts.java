package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.DenoImages;
import dev.drydock.core.image.EntrypointScriptImages;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.image.JupyterStackImages;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What drydock knows about common base images without pulling them: which ones run as a non-root
 * user by default, and which programs they ship (a shell, curl, wget, the language runtime). Facts
 * come from the images' Dockerfiles and documentation; unknown images are assumed to keep Docker's
 * default user (root), and nothing is claimed about their programs.
 */
public final class BaseImageFacts {

    private BaseImageFacts() {}

    /** Whether a container of this image runs as a non-root user when nothing sets USER. */
    public static boolean defaultsToNonRoot(BaseImage base) {
        if (!(base instanceof BaseImage.External external) || external.reference() == null) {
            return false;
        }
        ImageReference ref = external.reference();
        String name = ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT);
        String tag = ref.effectiveTagLowerCase();
        if (name.startsWith("gcr.io/distroless/") || name.startsWith("cgr.dev/chainguard/")) {
            return tag.contains("nonroot") || name.startsWith("cgr.dev/chainguard/") && !tag.contains("dev");
        }
        return name.startsWith("docker.io/bitnami/") && !BITNAMI_ROOT_IMAGES.contains(name) || NON_ROOT_IMAGES.contains(name) || confluentAppUser(name, tag)
                || haproxyUser(name, tag)
                || DotnetImages.startsAsAppUser(base) || RedHatImages.runsAsUid185(ref) || NonRootVendorImages.of(ref).isPresent();
    }

    /**
     * Confluent Platform's images (cp-kafka, cp-kafka-connect, cp-schema-registry ...), whose Dockerfiles end with
     * USER appuser since Confluent Platform 6.0; the 5.x and older releases ran as root.
     */
    private static boolean confluentAppUser(String name, String tag) {
        if (!name.startsWith("docker.io/confluentinc/cp-")) {
            return false;
        }
        java.util.regex.Matcher major = CONFLUENT_MAJOR.matcher(tag);
        return !major.lookingAt() || Integer.parseInt(major.group(1)) >= 6;
    }

    private static final Pattern CONFLUENT_MAJOR = Pattern.compile("(\\d{1,3})\\.");

    /**
     * The official haproxy image, whose Dockerfile ends with USER haproxy since 2.4 (the 2.3 and older lines kept
     * root); a tag without a version (latest, lts, alpine) or with the major only is a current line.
     */
    private static boolean haproxyUser(String name, String tag) {
        if (!name.equals("docker.io/library/haproxy")) {
            return false;
        }
        java.util.regex.Matcher version = HAPROXY_VERSION.matcher(tag);
        if (!version.lookingAt()) {
            return true;
        }
        int major = Integer.parseInt(version.group(1));
        return major > 2 || major == 2 && (version.group(2) == null || Integer.parseInt(version.group(2)) >= 4);
    }

    private static final Pattern HAPROXY_VERSION = Pattern.compile("(\\d{1,2})(?:\\.(\\d{1,2}))?");

    /** Bitnami's runtime images whose Dockerfile sets no USER (bitnami/node ends with WORKDIR /app and CMD node). */
    private static final Set<String> BITNAMI_ROOT_IMAGES = Set.of("docker.io/bitnami/node");

    /** Images outside Docker's official library whose Dockerfile ends with a non-root USER. */
    private static final Set<String> NON_ROOT_IMAGES = Set.of("docker.io/nginxinc/nginx-unprivileged",
            "docker.io/grafana/grafana", "docker.io/grafana/grafana-oss", "docker.io/grafana/grafana-enterprise",
            "docker.io/pytorch/torchserve", // USER model-server
            "docker.io/prom/prometheus", "docker.io/prom/alertmanager", "quay.io/prometheus/prometheus",
            "quay.io/prometheus/alertmanager", "docker.io/jenkins/jenkins", "quay.io/keycloak/keycloak",
            "docker.elastic.co/elasticsearch/elasticsearch", "docker.elastic.co/kibana/kibana");

    /** Registries and namespaces whose images are known to start as root when nothing sets USER. */
    private static final List<String> ROOT_DEFAULT_PREFIXES = List.of("mcr.microsoft.com/dotnet/",
            "registry.access.redhat.com/ubi", "registry.redhat.io/ubi", "public.ecr.aws/docker/library/",
            "public.ecr.aws/amazonlinux/", "docker.io/amazonlinux", "quay.io/centos/", "ghcr.io/astral-sh/uv",
            // built FROM python with no USER: /start.sh (gunicorn, uWSGI under supervisord) starts as root
            "docker.io/tiangolo/uvicorn-gunicorn", "docker.io/tiangolo/meinheld-gunicorn", "docker.io/tiangolo/uwsgi-nginx",
            "docker.io/adoptopenjdk/", // AdoptOpenJDK's images (now eclipse-temurin): a distribution plus the JDK
            // built FROM php's zts images with no USER: FrankenPHP starts as root, binding 80 and 443
            "docker.io/dunglas/frankenphp",
            // create bun (1000) and deno (1993) users but set no USER: their containers start as root
            "docker.io/oven/bun", "docker.io/denoland/deno",
            // Hex's Erlang and Elixir images (hexpm/bob's Dockerfiles): debian, ubuntu or alpine plus OTP, no USER
            "docker.io/hexpm/elixir", "docker.io/hexpm/erlang",
            // NVIDIA's NGC images: ENTRYPOINT /opt/nvidia/nvidia_entrypoint.sh, which execs its arguments, and no USER
            "nvcr.io/nvidia/tritonserver", "nvcr.io/nvidia/pytorch", "docker.io/bitnami/node");

    /** The WORKDIR of the Docker Official Images that set one (golang's is its GOPATH, composer's /app). */
    private static final Map<String, String> OFFICIAL_WORKDIRS = Map.of("golang", "/go", "php", "/var/www/html",
            "wordpress", "/var/www/html", "drupal", "/opt/drupal", "httpd", "/usr/local/apache2", "tomcat",
            "/usr/local/tomcat", "composer", "/app");

    /**
     * The WORKDIR of PHP server images outside the official library: serversideup/php ends every variation with
     * {@code WORKDIR ${APP_BASE_DIR}}, /var/www/html; FrankenPHP's image sets {@code WORKDIR /app} (its document
     * root is /app/public).
     */
    private static final Map<String, String> VENDOR_WORKDIRS = Map.of("docker.io/serversideup/php", "/var/www/html",
            "ghcr.io/serversideup/php", "/var/www/html", "docker.io/dunglas/frankenphp", "/app");

    /**
     * The official php image and the official images built FROM it without changing its user or command (wordpress,
     * drupal): they keep its www-data user, its php-fpm pool and Apache configuration, its curl, and its
     * apache2-foreground or php-fpm command.
     */
    private static final Set<String> PHP_FAMILY = Set.of("php", "wordpress", "drupal");

    /** Whether the official image is php or one built on it ({@link #PHP_FAMILY}). */
    public static boolean builtOnPhp(String officialName) {
        return PHP_FAMILY.contains(officialName.toLowerCase(Locale.ROOT));
    }

    /**
     * The working directory a base image starts in, where drydock knows it: / for scratch, which has no
     * configuration, the WORKDIR of the official images above, of serversideup/php and FrankenPHP
     * ({@link #VENDOR_WORKDIRS}), of oven/bun (/home/bun/app) and of {@link NonRootVendorImages}; empty for any
     * other image, which may have one drydock cannot see.
     */
    public static Optional<String> workdir(BaseImage base) {
        if (base instanceof BaseImage.Scratch) {
            return Optional.of("/");
        }
        if (!(base instanceof BaseImage.External external) || external.reference() == null) {
            return Optional.empty();
        }
        ImageReference ref = external.reference();
        if (ref.isScratch()) {
            return Optional.of("/");
        }
        if (OfficialImages.published(ref)) {
            String official = OFFICIAL_WORKDIRS.get(ref.imageName().toLowerCase(Locale.ROOT));
            if (official != null) {
                return Optional.of(official);
            }
        }
        String vendor = VENDOR_WORKDIRS.get(ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT));
        if (vendor != null) {
            return Optional.of(vendor);
        }
        if ("docker.io/oven/bun".equalsIgnoreCase(ref.fullName()) && !ref.effectiveTagLowerCase().contains("distroless")) {
            return Optional.of("/home/bun/app"); // its Debian and Alpine images (the distroless one sets none)
        }
        return NonRootVendorImages.of(ref).map(NonRootVendorImages::workdir);
    }

    /**
     * Whether drydock knows which user a container of this base image starts as when nothing sets USER:
     * Docker's official images (root, unless their own USER says otherwise), scratch, the images above and
     * the known non-root ones; a vendor's or a company's own base image may end with any USER.
     */
    public static boolean defaultUserKnown(BaseImage base) {
        if (base instanceof BaseImage.Scratch || defaultsToNonRoot(base)) {
            return true;
        }
        if (!(base instanceof BaseImage.External external) || external.reference() == null) {
            return false;
        }
        ImageReference ref = external.reference();
        String name = ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT);
        return OfficialImages.published(ref) || name.startsWith("gcr.io/distroless/") || name.startsWith("cgr.dev/chainguard/")
                || ROOT_DEFAULT_PREFIXES.stream().anyMatch(name::startsWith);
    }
    /**
     * The {@code uid:gid} of a user that the base image itself defines, where drydock knows them: {@code nobody}
     * (65534:65534 in Debian, Ubuntu, Alpine, the Red Hat family and the images built on them), the node images'
     * {@code node} (1000:1000), oven/bun's {@code bun} (1000:1000), denoland/deno's {@code deno} (1993:1993, 1000:1000 on Alpine, none in distroless) and
     * {@code www-data} in the php and serversideup/php images (33:33 on Debian, 82:82 on Alpine), distroless's and
     * Chainguard's {@code nonroot} (65532:65532), the .NET images' {@code app} (1654:1654) and the users of
     * {@link NonRootVendorImages} (Jupyter's jovyan, micromamba's mambauser, Airflow's airflow). Empty for any
     * other user or image.
     */
    public static Optional<String> userIds(BaseImage base, String user) {
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isImage()) {
            return Optional.empty();
        }
        ImageReference ref = external.reference();
        String name = ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT);
        String tag = ref.effectiveTagLowerCase();
        return Optional.ofNullable(switch (user) {
            case "nobody" -> "65534:65534";
            case "nonroot" -> name.startsWith("gcr.io/distroless/") || name.startsWith("cgr.dev/chainguard/")
                    ? "65532:65532" : null;
            case "app" -> DotnetImages.hasAppUser(base) ? DotnetImages.appUid(base) + ":" + DotnetImages.appUid(base) : null;
            case "node" -> name.equals("docker.io/library/node") ? "1000:1000" : null;
            case "bun" -> name.equals("docker.io/oven/bun") ? "1000:1000" : null;
            case "deno" -> DenoImages.denoUser(base).orElse(null);
            case "jovyan", "mambauser", "airflow", "spark", "185", "kafka", "zookeeper", "1001", "payara" ->
                    NonRootVendorImages.of(ref)
                    .filter(image -> image.user().equals(user)).map(NonRootVendorImages::ids).orElse(null);
            case "www-data" -> name.equals("docker.io/library/php") || name.equals("docker.io/library/httpd")
                    || name.equals("docker.io/serversideup/php")
                    || name.equals("docker.io/dunglas/frankenphp")
                    ? tag.contains("alpine") ? "82:82" : "33:33"
                    // Debian's and Ubuntu's base-passwd: the official Debian-based images (httpd ...) have it too
                    : ref.isOfficialImage() && tools(base).map(ImageTools::packageManager).filter("apt"::equals).isPresent()
                    ? "33:33" : null;
            default -> null;
        });
    }

    /**
     * The programs a base image is known to ship, for the checks that need one (a healthcheck's curl).
     *
     * @param image the image as written, for messages ({@code python:3.11-slim})
     * @param shell whether {@code /bin/sh} exists (CMD-SHELL and shell-form commands need it)
     * @param programs the programs present among those drydock asks about ({@link #ASKED})
     * @param packageManager how packages are installed in it ({@code apt}, {@code apk}, {@code microdnf}), or null
     * @param runtime the language runtime it is for ({@code python}, {@code node}, {@code java}...), or null
     */
    public record ImageTools(String image, boolean shell, Set<String> programs, String packageManager, String runtime) {

        public ImageTools {
            programs = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(programs));
        }

        public boolean has(String program) {
            return programs.contains(program);
        }

        /**
         * How an exec-form command names the program: its name where it is on PATH, else its path (distroless's
         * Node.js images keep node in /nodejs/bin, which their PATH leaves out: their ENTRYPOINT names the path).
         */
        public String executable(String program) {
            return program.equals("node") && image.startsWith("gcr.io/distroless/nodejs") ? "/nodejs/bin/node" : program;
        }

        /**
         * Where the image keeps a shell it has outside /bin, for an image without /bin/sh: distroless's :debug tags
         * link BusyBox's programs into /busybox alone (on their PATH), so {@code sh} found by name works and the
         * /bin/sh -c of shell-form RUN, CMD and CMD-SHELL does not. Null for any other image.
         */
        public String shellOutsideBin() {
            return !shell && programs.contains("sh") && image.startsWith("gcr.io/distroless/") ? "/busybox/sh" : null;
        }

        /** Whether its {@code /bin/sh} is BusyBox's ash: Alpine (and other apk-based) images and BusyBox. */
        public boolean busyBox() {
            return shell && ("apk".equals(packageManager) || image.contains("alpine") || image.startsWith("busybox"));
        }

        /**
         * Whether its {@code /bin/sh} runs the lone command of an {@code sh -c} script in its own place: BusyBox's
         * ash, and bash, the /bin/sh of the images installing with dnf, microdnf or yum (Debian's dash forks).
         */
        public boolean shExecsLoneCommand() {
            return busyBox() || shell && Set.of("dnf", "microdnf", "yum").contains(String.valueOf(packageManager));
        }

        /** The name of its /bin/sh for a message: "BusyBox's sh", "bash". */
        public String shName() {
            return busyBox() ? "BusyBox's sh" : "bash";
        }
    }

    /** The programs of Debian's procps package, which a health check may run to look for a process. */
    public static final Set<String> PROCPS = Set.of("ps", "pgrep", "pkill");

    /** Official images that start from Debian's minimal base and add no procps on the way. */
    private static final Set<String> DEBIAN_SLIM_LANGUAGE_IMAGES = Set.of("python", "ruby", "node");

    /**
     * Whether the image is known to lack procps (ps, pgrep): debian itself, slim or not, and the -slim Debian variants
     * of the official language images built FROM debian:*-slim. Debian's images are a {@code debootstrap
     * --variant=minbase}, which leaves procps out as it is not in the essential set. Nothing is claimed of other
     * images (the full language images come from buildpack-deps, Alpine's BusyBox has ps).
     */
    public static boolean lacksProcps(ImageReference ref) {
        if (ref == null || !ref.isImage() || !ref.isOfficialImage() || ref.effectiveTag() == null) {
            return false;
        }
        String tag = ref.effectiveTag().toLowerCase(Locale.ROOT);
        if (tag.contains("alpine") || tag.contains("windowsservercore") || tag.contains("nanoserver")) {
            return false;
        }
        return ref.imageName().equals("debian") || tag.contains("slim") && DEBIAN_SLIM_LANGUAGE_IMAGES.contains(ref.imageName());
    }

    /** The official base systems, whose every tag ships the same tools (so a digest alone tells them too). */
    private static final Set<String> BASE_SYSTEMS = Set.of("debian", "ubuntu", "alpine", "busybox");

    /** The programs {@link ImageTools#programs()} answers for: present when listed, absent otherwise. */
    public static final Set<String> ASKED = Set.of("curl", "wget", "nc", "python", "python3", "node", "bun", "deno", "java",
            "ruby", "php", "go", "sh", "bash");

    /**
     * What a base image ships, for the official images whose contents are documented; empty for any
     * other image (nothing is claimed about it). Full Debian-based language images (python, node,
     * ruby, golang, rust, erlang and elixir: built on {@code buildpack-deps}) have curl and wget; their {@code -slim}
     * variants have neither; {@code debian} and {@code ubuntu} themselves have neither; Alpine and
     * BusyBox (and the Alpine variants of the other official images, built on it) have BusyBox's
     * {@code wget} and {@code nc} but no curl (the bash image is Alpine with bash added); distroless and scratch images have no shell at all
     * ({@code :debug} distroless tags add BusyBox's sh, wget and nc in /busybox, with no /bin/sh); nginx (and nginxinc/nginx-unprivileged, built from the
     * same Dockerfile) installs curl on its Debian and alpine variants, not on alpine-slim, and has no wget on
     * Debian, and php installs curl too (and wordpress and
     * drupal, built on it), without wget on Debian; the deprecated openjdk image as {@link #openJdk} tells, eclipse-temurin's
     * Ubuntu tags with curl and wget up to Java 21 and wget alone from 22 on, its ubi9-minimal tags as ubi-minimal with wget; amazoncorretto as
     * {@link #corretto} tells (its alpine tags as Alpine); oven/bun has bun ({@link #bun}), denoland/deno deno ({@link #deno}); Red
     * Hat's ubi-minimal and the OpenJDK images built on it have curl and microdnf ({@link RedHatImages}); Airflow's,
     * the Jupyter Docker Stacks' and text-generation-inference's images have Python ({@link VendorImageTools}).
     */
    public static Optional<ImageTools> tools(BaseImage base) {
        if (base instanceof BaseImage.Scratch) {
            return Optional.of(new ImageTools("scratch", false, Set.of(), null, null));
        }
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isImage()) {
            return Optional.empty();
        }
        ImageReference ref = external.reference();
        String written = ref.familiarString();
        String name = ref.fullName().toLowerCase(Locale.ROOT);
        String tag = ref.effectiveTag() == null ? null : ref.effectiveTag().toLowerCase(Locale.ROOT);
        if (name.startsWith("gcr.io/distroless/")) {
            String runtime = name.contains("python") ? "python3" : name.contains("nodejs") ? "node"
                    : name.contains("java") ? "java" : null;
            boolean debug = tag != null && tag.contains("debug");
            Set<String> programs = new LinkedHashSet<>();
            if (runtime != null) {
                programs.add(runtime);
                if (runtime.equals("python3")) {
                    programs.add("python");
                }
            }
            if (debug) {
                programs.addAll(List.of("sh", "wget", "nc"));
            }
            // :debug adds BusyBox in /busybox (on PATH) and no /bin/sh
            return Optional.of(new ImageTools(written, false, programs, null, runtime == null ? null : runtime.replace("3", "")));
        }
        if (name.startsWith("cgr.dev/chainguard/")) {
            boolean dev = tag != null && tag.contains("dev");
            String image = ref.imageName();
            Set<String> programs = new LinkedHashSet<>();
            if (image.startsWith("python")) {
                programs.addAll(List.of("python", "python3"));
            } else if (image.equals("node")) {
                programs.add("node");
            } else if (image.startsWith("jre") || image.startsWith("jdk")) {
                programs.add("java");
            }
            if (dev) {
                programs.addAll(List.of("sh", "wget", "nc"));
            }
            return Optional.of(new ImageTools(written, dev, programs, dev ? "apk" : null, null));
        }
        Optional<ImageTools> redHat = RedHatImages.tools(ref).or(() -> VendorImageTools.of(ref));
        if (redHat.isPresent()) {
            return redHat;
        }
        if (name.startsWith("mcr.microsoft.com/dotnet/")) {
            // the SDK images, which DotnetImages leaves out: on Alpine, BusyBox and apk with the SDK added
            return DotnetImages.tools(base).or(() -> DotnetImages.alpine(ref)
                    ? Optional.of(new ImageTools(written, true, Set.of("sh", "wget", "nc"), "apk", null))
                    : Optional.empty());
        }
        if (tag == null) {
            if (!ref.isOfficialImage() || !BASE_SYSTEMS.contains(ref.imageName().toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
            tag = ""; // pinned by digest alone: what the base systems ship does not depend on their tag
        }
        if (name.equals("docker.io/oven/bun")) {
            return Optional.of(bun(written, tag));
        }
        if ((name.equals("docker.io/hexpm/elixir") || name.equals("docker.io/hexpm/erlang")) && tag.contains("-alpine-")) {
            // hexpm/bob's alpine images: alpine with OTP's libraries (and Elixir) added, so BusyBox and apk
            Set<String> programs = new LinkedHashSet<>(List.of("sh", "wget", "nc", "erl"));
            if (name.endsWith("/elixir")) {
                programs.addAll(List.of("elixir", "iex", "mix"));
            }
            return Optional.of(new ImageTools(written, true, programs, "apk", null));
        }
        Optional<String> deno = DenoImages.variant(base);
        if (deno.isPresent()) {
            return Optional.of(deno(written, deno.get()));
        }
        if (frankenPhp(ref)) {
            return Optional.of(frankenPhpTools(written, tag));
        }
        String image = ref.imageName();
        if (name.equals("docker.io/nginxinc/nginx-unprivileged")) {
            image = "nginx"; // the official image's Dockerfile, run as an unprivileged user
        } else if (!ref.isOfficialImage()) {
            return Optional.empty();
        }
        boolean alpine = tag.contains("alpine");
        boolean slim = tag.contains("slim");
        if (tag.contains("windowsservercore") || tag.contains("nanoserver")) {
            return Optional.empty();
        }
        Set<String> programs = new LinkedHashSet<>(List.of("sh"));
        String runtime = null;
        switch (image) {
            case "python", "pypy" -> {
                programs.addAll(List.of("python", "python3"));
                runtime = "python";
            }
            case "node" -> {
                programs.add("node");
                runtime = "node";
            }
            case "ruby" -> {
                programs.add("ruby");
                runtime = "ruby";
            }
            case "golang" -> {
                programs.add("go");
                runtime = "go";
            }
            case "php", "wordpress", "drupal" -> { // PHP_FAMILY
                programs.addAll(List.of("php", "curl"));
                runtime = "php";
            }
            case "eclipse-temurin" -> {
                // the alpine variants are alpine plus the JDK or JRE: BusyBox's sh, wget and nc are there
                if (tag.contains("ubi")) {
                    // the ubi9-minimal variants: ubi-minimal (curl-minimal, microdnf) with wget added
                    return Optional.of(new ImageTools(written, true, Set.of("sh", "bash", "curl", "wget", "java"),
                            "microdnf", "java"));
                }
                java.util.OptionalInt release = JavaImages.featureRelease(ref);
                if (!alpine && (release.isEmpty() || release.getAsInt() >= 22)) {
                    // from Java 22 on the Ubuntu tags keep wget, which downloads the JDK, and no longer install curl;
                    // a tag naming no release (latest, jre, noble) runs the newest one
                    return Optional.of(new ImageTools(written, true, Set.of("sh", "bash", "wget", "java"), "apt", "java"));
                }
                programs.add("java");
                runtime = "java";
            }
            case "amazoncorretto" -> {
                if (!alpine) {
                    return Optional.of(corretto(written, tag));
                }
                programs.add("java"); // alpine with Corretto's apk package: BusyBox's sh, wget and nc
                runtime = "java";
            }
            case "openjdk" -> {
                if (!alpine) {
                    return Optional.of(openJdk(written, tag, slim));
                }
                programs.add("java");
                runtime = "java";
            }
            case "nginx" -> {
                // the Debian and alpine variants install curl; alpine-slim, which alpine is built on, does not
                if (!tag.contains("alpine-slim")) {
                    programs.add("curl");
                }
            }
            case "rust", "erlang", "elixir" -> {
                // the full tags are built on buildpack-deps (elixir on the full erlang image): curl and wget;
                // nothing is claimed of their -slim tags
                if (slim) {
                    return Optional.empty();
                }
            }
            case "httpd" -> {
                // debian:*-slim (or alpine) with Apache built from source; the wget that downloads it is purged
            }
            case "bash" -> {
                // every tag of the bash image is alpine with bash built into /usr/local/bin: BusyBox and apk besides
                programs.add("bash");
                alpine = true;
            }
            case "caddy" -> {
                // every Linux tag of the caddy image (the builder ones too) is built FROM alpine: BusyBox and apk
                alpine = true;
            }
            case "debian", "ubuntu", "alpine", "busybox", "buildpack-deps" -> {
                // the base systems themselves
            }
            default -> {
                if (!alpine) {
                    return Optional.empty();
                }
                // the Alpine variants of the other official images are built FROM alpine: BusyBox and apk
            }
        }
        String pm;
        if (image.equals("busybox")) {
            programs.addAll(List.of("wget", "nc"));
            pm = null;
        } else if (alpine || image.equals("alpine")) {
            programs.addAll(List.of("wget", "nc"));
            pm = "apk";
        } else {
            pm = "apt";
            // nginx's Debian variant is debian:*-slim with nginx, gettext-base and curl: no wget
            boolean full = !slim && !Set.of("debian", "ubuntu", "nginx", "httpd").contains(image);
            if (full && !builtOnPhp(image)) {
                programs.addAll(List.of("curl", "wget"));
            }
            programs.add("bash");
        }
        return Optional.of(new ImageTools(written, true, programs, pm, runtime));
    }

    /** The release from which the deprecated openjdk image's default tags are Oracle Linux (17, 17-jdk, 21). */
    private static final Pattern OPENJDK_ORACLE_DEFAULT = Pattern.compile("(\\d+)(?:[.\\d]*)(?:-ea.*)?(?:-jdk|-jre)?");

    /**
     * The deprecated openjdk image: its -slim tags are Debian's minimal base with the JDK (no curl or wget: the
     * wget that downloads the JDK is purged), its Debian tags (11, 8-jre, 11-buster) are built on buildpack-deps and
     * have curl and wget, its Oracle Linux tags (oraclelinux8, oracle, and the default tags of release 12 and later)
     * are oraclelinux:8-slim with microdnf and curl; the alpine ones fall through to Alpine's BusyBox.
     */
    private static ImageTools openJdk(String written, String tag, boolean slim) {
        var oracleDefault = OPENJDK_ORACLE_DEFAULT.matcher(tag);
        boolean oracle = tag.contains("oracle") || oracleDefault.matches() && Integer.parseInt(oracleDefault.group(1)) >= 12;
        if (oracle) {
            return new ImageTools(written, true, Set.of("sh", "bash", "curl", "java"), "microdnf", "java");
        }
        Set<String> programs = new LinkedHashSet<>(List.of("sh", "bash", "java"));
        if (!slim) {
            programs.addAll(List.of("curl", "wget"));
        }
        return new ImageTools(written, true, programs, "apt", "java");
    }

    /**
     * amazoncorretto's Amazon Linux tags: amazonlinux:2 (the default tags, {@code -al2}) with yum, or amazonlinux:2023
     * ({@code -al2023}) with dnf, both with bash and curl (their own Dockerfiles download with it) and no wget; the
     * Corretto package added, java on the PATH.
     */
    private static ImageTools corretto(String written, String tag) {
        return new ImageTools(written, true, Set.of("sh", "bash", "curl", "java"), tag.contains("al2023") ? "dnf" : "yum",
                "java");
    }

    /**
     * denoland/deno: deno on every variant; the default (Debian) and Ubuntu tags with sh, bash and apt but no curl or
     * wget, the Alpine ones BusyBox with apk, the distroless ones no shell, the bin ones only the binary at /deno.
     */
    private static ImageTools deno(String written, String variant) {
        return switch (variant) {
            case "distroless" -> new ImageTools(written, false, Set.of("deno"), null, "deno");
            case "bin" -> new ImageTools(written, false, Set.of(), null, null);
            case "alpine" -> new ImageTools(written, true, Set.of("sh", "wget", "nc", "deno"), "apk", "deno");
            default -> new ImageTools(written, true, Set.of("sh", "bash", "deno"), "apt", "deno");
        };
    }

    /**
     * The HEALTHCHECK a base image's own Dockerfile ends with, as Docker stores it ({@code [CMD-SHELL, script]}); empty
     * when drydock knows none. dunglas/frankenphp asks Caddy's admin API, {@code curl -f http://localhost:2019/metrics
     * || exit 1}, in its Dockerfile since FrankenPHP 1.0.
     */
    public static Optional<List<String>> healthcheck(ImageReference ref) {
        return frankenPhp(ref) ? Optional.of(List.of("CMD-SHELL", "curl -f http://localhost:2019/metrics || exit 1"))
                : JupyterStackImages.healthcheck(ref);
    }

    /**
     * Whether the image is FrankenPHP's (dunglas/frankenphp), built FROM the php image's zts variants: its server tags
     * and its builder tags; not its static-builder tags, a toolchain that compiles a standalone binary.
     */
    public static boolean frankenPhp(ImageReference ref) {
        return ref != null && ref.isImage() && "docker.io/dunglas/frankenphp".equals(ref.fullName())
                && !ref.effectiveTagLowerCase().contains("static");
    }

    /**
     * dunglas/frankenphp: the php image's zts variant it is built on (php and curl, bash and apt on Debian, BusyBox
     * and apk on Alpine) with the frankenphp binary added.
     */
    private static ImageTools frankenPhpTools(String written, String tag) {
        if (tag.contains("alpine")) {
            return new ImageTools(written, true, Set.of("sh", "wget", "nc", "php", "curl", "frankenphp"), "apk", "php");
        }
        return new ImageTools(written, true, Set.of("sh", "bash", "php", "curl", "frankenphp"), "apt", "php");
    }

    /**
     * oven/bun: bun on every variant; the default and slim tags are Debian (sh, bash, apt, no curl or wget), the
     * alpine ones BusyBox with apk, the distroless ones no shell at all.
     */
    private static ImageTools bun(String written, String tag) {
        if (tag.contains("distroless")) {
            return new ImageTools(written, false, Set.of("bun"), null, "bun");
        }
        if (tag.contains("alpine")) {
            return new ImageTools(written, true, Set.of("sh", "wget", "nc", "bun"), "apk", "bun");
        }
        return new ImageTools(written, true, Set.of("sh", "bash", "bun"), "apt", "bun");
    }

    /**
     * The command an official image starts when the Dockerfile built on it sets none: a distribution's
     * shell ({@code CMD ["bash"]} in debian, ubuntu and the Red Hat family, {@code /bin/sh} in alpine and
     * busybox; buildpack-deps and golang keep their distribution's), or a language image's own
     * ({@code python3}, {@code node}, {@code irb}; php's {@code apache2-foreground}, {@code php-fpm} or
     * {@code php}, which wordpress keeps: apache2-foreground, php-fpm in its fpm tags, {@code wp} in its cli tags, and
     * drupal: php-fpm in its fpm tags, apache2-foreground otherwise), or a
     * stock server's program ({@code nginx}, also of nginxinc/nginx-unprivileged, {@code postgres}, Tomcat's
     * {@code catalina.sh}), or {@code frankenphp} for dunglas/frankenphp, whose entrypoint runs {@code frankenphp run}
     * on its Caddyfile (a server: {@link PhpServerPorts} tells its ports). Empty for any other image.
     */
    public static Optional<String> defaultCommand(BaseImage base) {
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isImage()) {
            return Optional.empty();
        }
        if ("nginxinc/nginx-unprivileged".equals(external.reference().familiarName())) {
            return Optional.of("nginx"); // the official image's Dockerfile, run as an unprivileged user
        }
        if (CLICKHOUSE_SERVER_IMAGES.contains(external.reference().familiarName())) {
            return Optional.of("clickhouse-server"); // what /entrypoint.sh starts when given no command
        }
        if (frankenPhp(external.reference())) {
            // docker-php-entrypoint, which the image rewrites to start `frankenphp run`, with its CMD --config ...
            return Optional.of("frankenphp");
        }
        if (!external.reference().isOfficialImage()) {
            return Optional.empty();
        }
        String tag = external.reference().effectiveTagLowerCase();
        return switch (external.reference().imageName()) {
            case "debian", "ubuntu", "buildpack-deps", "fedora", "oraclelinux", "rockylinux", "almalinux",
                    "amazonlinux", "centos" -> Optional.of("bash");
            case "alpine", "busybox" -> Optional.of("sh");
            case "golang" -> Optional.of(tag.contains("alpine") ? "sh" : "bash");
            case "python", "pypy" -> Optional.of("python3");
            case "node" -> Optional.of("node");
            case "ruby" -> Optional.of("irb");
            case "php" -> Optional.of(tag.contains("apache") ? "apache2-foreground" : tag.contains("fpm") ? "php-fpm"
                    : "php");
            case "wordpress" -> Optional.of(tag.startsWith("cli") ? "wp" : tag.contains("fpm") ? "php-fpm"
                    : "apache2-foreground");
            case "drupal" -> Optional.of(tag.contains("fpm") ? "php-fpm" : "apache2-foreground");
            case "nginx" -> Optional.of("nginx");
            case "httpd" -> Optional.of("httpd-foreground");
            case "tomcat" -> Optional.of("catalina.sh");
            case "haproxy" -> Optional.of("haproxy");
            case "caddy" -> Optional.of("caddy");
            case "traefik" -> Optional.of("traefik");
            case "postgres" -> Optional.of("postgres");
            case "mysql" -> Optional.of("mysqld");
            case "mariadb" -> Optional.of("mariadbd");
            case "mongo" -> Optional.of("mongod");
            case "redis" -> Optional.of("redis-server");
            case "memcached" -> Optional.of("memcached");
            case "rabbitmq" -> Optional.of("rabbitmq-server");
            case "influxdb" -> Optional.of("influxd");
            case "eclipse-mosquitto" -> Optional.of("mosquitto");
            default -> Optional.empty();
        };
    }

    /**
     * ClickHouse's server images (and Altinity's builds of the same docker/server folder, and the older yandex/ name):
     * /entrypoint.sh, started as root with no command or only options, prepares the data folders and runs
     * clickhouse-server as the clickhouse user (uid 101) with gosu, or `clickhouse su` in newer releases.
     */
    private static final Set<String> CLICKHOUSE_SERVER_IMAGES = Set.of("clickhouse/clickhouse-server",
            "yandex/clickhouse-server", "altinity/clickhouse-server");

    /** The program with which {@link #entrypointSwitchesTo} switches users, for messages. */
    public static String entrypointSwitchTool(BaseImage base) {
        return base instanceof BaseImage.External external && external.reference() != null
                && CLICKHOUSE_SERVER_IMAGES.contains(external.reference().familiarName())
                ? "gosu (`clickhouse su` in newer releases)" : "gosu";
    }

    /**
     * The unprivileged user a server image's entrypoint script switches to (with gosu) before it
     * starts the server, when the container starts as root with the image's own command; empty for other
     * images and commands.
     */
    public static Optional<String> entrypointSwitchesTo(BaseImage base) {
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isImage()) {
            return Optional.empty();
        }
        if (CLICKHOUSE_SERVER_IMAGES.contains(external.reference().familiarName())) {
            return Optional.of("clickhouse");
        }
        if (external.reference().isOfficialImage() && external.reference().imageName().equals("rabbitmq")) {
            return Optional.of("rabbitmq");
        }
        return EntrypointScriptImages.of(external.reference()).map(EntrypointScriptImages::user);
    }
}
