package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.image.TagVersion;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What drydock knows about Microsoft's .NET images ({@code mcr.microsoft.com/dotnet/runtime-deps},
 * {@code runtime}, {@code aspnet}, {@code sdk}): from .NET 8 on, their Linux variants define an
 * unprivileged user {@code app} (UID 1654, given in the variable {@code APP_UID}) that a Dockerfile
 * switches to with {@code USER $APP_UID}; they still start as root unless told to.
 */
public final class DotnetImages {

    private static final String REGISTRY_PATH = "mcr.microsoft.com/dotnet/";
    private static final Set<String> IMAGES = Set.of("runtime-deps", "runtime", "aspnet", "sdk");
    private static final int FIRST_WITH_APP_USER = 8;

    private DotnetImages() {}

    /** Whether the image is one of the .NET images' Alpine variants: Alpine with BusyBox, plus .NET. */
    public static boolean alpine(ImageReference ref) {
        String name = ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT);
        String tag = ref.effectiveTag() == null ? "" : ref.effectiveTag().toLowerCase(Locale.ROOT);
        return name.startsWith(REGISTRY_PATH) && IMAGES.contains(name.substring(REGISTRY_PATH.length()))
                && tag.contains("alpine");
    }

    /** Whether the image ships the unprivileged {@code app} user (a Linux .NET image of version 8 or later). */
    public static boolean hasAppUser(BaseImage base) {
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isImage()) {
            return false;
        }
        ImageReference ref = external.reference();
        String name = ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT);
        if (!name.startsWith(REGISTRY_PATH) || !IMAGES.contains(name.substring(REGISTRY_PATH.length()))) {
            return false;
        }
        String tag = ref.effectiveTag() == null ? "" : ref.effectiveTag().toLowerCase(Locale.ROOT);
        if (tag.contains("nanoserver") || tag.contains("windowsservercore")) {
            return false;
        }
        List<Long> components = TagVersion.parse(tag).components();
        return !components.isEmpty() && components.get(0) >= FIRST_WITH_APP_USER;
    }
}
