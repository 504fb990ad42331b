package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.image.TagVersion;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What drydock knows about Microsoft's .NET images ({@code mcr.microsoft.com/dotnet/runtime-deps},
 * {@code runtime}, {@code aspnet}, {@code sdk}): from .NET 8 on, their Linux variants define an
 * unprivileged user {@code app} (UID 1654, given in the variable {@code APP_UID}) that a Dockerfile
 * switches to with {@code USER $APP_UID}; they still start as root unless told to, except the distroless
 * variants (Ubuntu Chiseled, Azure Linux distroless), which have no shell and start as {@code app}. The
 * chiseled tags of .NET 6 and 7 already started as an {@code app} user (UID 64198) listening on 8080. The
 * nightly builds ({@code mcr.microsoft.com/dotnet/nightly/aspnet}) are the same images.
 */
public final class DotnetImages {

    private static final String REGISTRY_PATH = "mcr.microsoft.com/dotnet/";
    private static final Set<String> IMAGES = Set.of("runtime-deps", "runtime", "aspnet", "sdk");
    private static final int FIRST_WITH_APP_USER = 8;
    private static final int FIRST_CHISELED = 6;
    private static final String NIGHTLY = "nightly/";

    private DotnetImages() {}

    /** Whether the base is Microsoft's runtime-deps image: the libraries .NET needs, without .NET itself. */
    public static boolean runtimeDeps(BaseImage base) {
        return dotnetTag(base) != null
                && ((BaseImage.External) base).reference().fullName().toLowerCase(Locale.ROOT).endsWith("/runtime-deps");
    }

    /** Whether the base is Microsoft's .NET SDK image: the compilers, MSBuild and NuGet besides the runtimes. */
    public static boolean sdk(BaseImage base) {
        return dotnetTag(base) != null
                && ((BaseImage.External) base).reference().fullName().toLowerCase(Locale.ROOT).endsWith("/sdk");
    }

    /**
     * The tag of the runtime images that matches an SDK tag: the SDK's own version numbers its feature band
     * (8.0.404), so only major.minor carries over, with the variants (8.0.404-alpine3.20 gives 8.0-alpine3.20);
     * the tag as it is when it names no major.minor (latest, 8.0-jammy).
     */
    public static String runtimeTag(ImageReference sdk) {
        String tag = sdk.effectiveTag() == null ? "latest" : sdk.effectiveTag();
        TagVersion version = TagVersion.parse(tag);
        if (version.components().size() < 3) {
            return tag;
        }
        return version.components().get(0) + "." + version.components().get(1)
                + (version.variants().isEmpty() ? "" : "-" + String.join("-", version.variants()));
    }

    /** Whether the image is one of Microsoft's .NET images (sdk, aspnet, runtime, runtime-deps), whatever its tag. */
    public static boolean named(ImageReference ref) {
        return ref != null && isDotnetName(ref.fullName());
    }

    /** Whether a full image name is one of the .NET images, as released or as a nightly build. */
    private static boolean isDotnetName(String fullName) {
        String name = fullName == null ? "" : fullName.toLowerCase(Locale.ROOT);
        if (!name.startsWith(REGISTRY_PATH)) {
            return false;
        }
        String image = name.substring(REGISTRY_PATH.length());
        return IMAGES.contains(image.startsWith(NIGHTLY) ? image.substring(NIGHTLY.length()) : image);
    }

    /**
     * The repositories .NET Core was published under before mcr.microsoft.com/dotnet/{sdk,aspnet,runtime}: the
     * .NET Core 2.1-3.1 paths under mcr.microsoft.com/dotnet/core/ and the Docker Hub microsoft/dotnet,
     * microsoft/aspnetcore and microsoft/aspnetcore-build of 1.x and 2.x. Their tags lead with the .NET version.
     */
    private static final Set<String> RETIRED = Set.of("mcr.microsoft.com/dotnet/core/sdk",
            "mcr.microsoft.com/dotnet/core/aspnet", "mcr.microsoft.com/dotnet/core/runtime",
            "mcr.microsoft.com/dotnet/core/runtime-deps", "docker.io/microsoft/dotnet",
            "docker.io/microsoft/aspnetcore", "docker.io/microsoft/aspnetcore-build");

    /**
     * Whether the image is a .NET image whose tag numbers its .NET line: the current names ({@link #named}) or
     * the retired repositories the older lines were published under.
     */
    public static boolean versioned(ImageReference ref) {
        String name = ref == null || ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT);
        return named(ref) || RETIRED.contains(name);
    }

    /** Whether the image is one of the .NET images' Alpine variants: Alpine with BusyBox, plus .NET. */
    public static boolean alpine(ImageReference ref) {
        String tag = ref.effectiveTag() == null ? "" : ref.effectiveTag().toLowerCase(Locale.ROOT);
        return isDotnetName(ref.fullName()) && tag.contains("alpine");
    }

    private static final java.util.regex.Pattern APP_UID = java.util.regex.Pattern.compile("\\$\\{?APP_UID}?");

    /**
     * The user a {@code USER $APP_UID} names on a .NET image that defines that variable, as a reader knows it:
     * {@code app ($APP_UID, UID 1654 in mcr.microsoft.com/dotnet/aspnet:8.0)}; empty for any other USER.
     */
    public static Optional<String> appUser(dev.drydock.core.project.Container container,
            dev.drydock.core.project.Container.Setting user) {
        var own = WrittenInstructions.inImageAt(container, user.origin());
        String written = own != null && own.arguments() instanceof dev.drydock.core.dockerfile.syntax.PlainText text
                ? text.text().strip() : "";
        BaseImage base = Stages.rootBase(container.build().model(), container.build().stage());
        if (!APP_UID.matcher(written).matches() || !hasAppUser(base)) {
            return Optional.empty();
        }
        return Optional.of("app (" + written + ", UID " + appUid(base) + " in " + ((BaseImage.External) base).reference().familiarString()
                + ")");
    }

    /**
     * Whether the image ships the unprivileged {@code app} user: a Linux .NET image of version 8 or later, or a
     * chiseled one of 6 or 7.
     */
    public static boolean hasAppUser(BaseImage base) {
        String tag = dotnetTag(base);
        if (tag == null || tag.contains("nanoserver") || tag.contains("windowsservercore")) {
            return false;
        }
        long major = major(tag);
        return major >= FIRST_WITH_APP_USER || major >= FIRST_CHISELED && tag.contains("chiseled");
    }

    /** The UID of the image's {@code app} user: 1654 from .NET 8 on, 64198 in the chiseled tags of 6 and 7. */
    public static String appUid(BaseImage base) {
        String tag = dotnetTag(base);
        return tag != null && major(tag) < FIRST_WITH_APP_USER ? "64198" : "1654";
    }

    /** The .NET major version a tag leads with, or -1 when it names none (latest, jammy-chiseled). */
    private static long major(String tag) {
        List<Long> components = TagVersion.parse(tag).components();
        return components.isEmpty() ? -1 : components.get(0);
    }

    /**
     * The variable a Linux .NET image sets for ASP.NET Core's port, with its value: ASPNETCORE_HTTP_PORTS=8080 from
     * .NET 8 on, ASPNETCORE_URLS=http://+:80 before; empty for other images and for a tag without a version.
     */
    public static Optional<String> portSetting(BaseImage base) {
        String tag = dotnetTag(base);
        if (tag == null || tag.contains("nanoserver") || tag.contains("windowsservercore")) {
            return Optional.empty();
        }
        long major = major(tag);
        if (major < 0) {
            return Optional.empty();
        }
        return Optional.of(major >= FIRST_WITH_APP_USER ? "ASPNETCORE_HTTP_PORTS=8080"
                : major >= FIRST_CHISELED && tag.contains("chiseled") ? "ASPNETCORE_URLS=http://+:8080"
                : "ASPNETCORE_URLS=http://+:80");
    }

    /**
     * Whether the image starts as its {@code app} user when nothing sets USER: the distroless variants
     * ({@code 9.0-noble-chiseled}, {@code 8.0-jammy-chiseled-extra}, {@code 9.0-azurelinux3.0-distroless}).
     */
    public static boolean startsAsAppUser(BaseImage base) {
        String tag = dotnetTag(base);
        return tag != null && (tag.contains("chiseled") || tag.contains("distroless")) && hasAppUser(base);
    }

    /**
     * The programs a Linux .NET runtime image ships (the SDK images are left out): the distroless variants
     * have no shell and no package manager; the Alpine ones BusyBox's sh, wget and nc with apk; the Debian
     * (the default tags) and Ubuntu ones sh, bash and apt, without curl or wget; runtime and aspnet add dotnet.
     */
    public static Optional<BaseImageFacts.ImageTools> tools(BaseImage base) {
        String tag = dotnetTag(base);
        if (tag == null || tag.contains("nanoserver") || tag.contains("windowsservercore")
                || ((BaseImage.External) base).reference().fullName().toLowerCase(Locale.ROOT).endsWith("/sdk")) {
            return Optional.empty();
        }
        String written = ((BaseImage.External) base).reference().familiarString();
        boolean runtime = !runtimeDeps(base);
        Set<String> programs = new LinkedHashSet<>();
        if (runtime) {
            programs.add("dotnet");
        }
        if (tag.contains("chiseled") || tag.contains("distroless")) {
            return Optional.of(new BaseImageFacts.ImageTools(written, false, programs, null, runtime ? "dotnet" : null));
        }
        if (tag.contains("alpine")) {
            programs.addAll(List.of("sh", "wget", "nc"));
            return Optional.of(new BaseImageFacts.ImageTools(written, true, programs, "apk", runtime ? "dotnet" : null));
        }
        if (tag.contains("azurelinux") || tag.contains("cbl-mariner")) {
            return Optional.empty();
        }
        programs.addAll(List.of("sh", "bash"));
        return Optional.of(new BaseImageFacts.ImageTools(written, true, programs, "apt", runtime ? "dotnet" : null));
    }

    /** The tag of a .NET image (lower case), or null when the base is none of them. */
    private static String dotnetTag(BaseImage base) {
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isImage()) {
            return null;
        }
        ImageReference ref = external.reference();
        if (!isDotnetName(ref.fullName())) {
            return null;
        }
        return ref.effectiveTag() == null ? "" : ref.effectiveTag().toLowerCase(Locale.ROOT);
    }
}
