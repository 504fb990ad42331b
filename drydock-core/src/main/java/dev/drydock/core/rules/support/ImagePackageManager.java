package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.rules.support.BaseImageFacts.ImageTools;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The package manager a base image installs with, for the images whose distribution drydock knows for sure: those
 * {@link BaseImageFacts#tools} describes (Debian and Ubuntu images with apt-get, Alpine ones with apk, ubi-minimal and
 * the images built on it with microdnf, amazoncorretto with yum on Amazon Linux 2 and dnf on 2023), busybox (none), the
 * shell-less images (none), and the official Red Hat family images: fedora, rockylinux and almalinux (dnf, with yum as
 * its alias; microdnf in their -minimal tags), amazonlinux (yum on 2, dnf on 2023), centos (yum on 7, dnf on 8) and
 * the full UBI images (dnf). Every other image is unknown.
 *
 * @param image the image as written, for messages
 * @param manager the program that installs packages in it ({@code apt-get}, {@code apk}, {@code dnf}, {@code yum},
 *     {@code microdnf}), {@code rpm} for a Red Hat family image whose release drydock cannot tell (only the other
 *     families' programs are known to be missing), or null when it has none
 * @param shell whether it has /bin/sh
 */
public record ImagePackageManager(String image, String manager, boolean shell) {

    private static final Set<String> APT = Set.of("apt-get", "apt", "aptitude");
    private static final Set<String> RPM = Set.of("yum", "dnf", "dnf5", "microdnf", "tdnf");
    private static final Pattern FULL_UBI = Pattern.compile(
            "(registry\\.access\\.redhat\\.com|registry\\.redhat\\.io)/ubi(8|9|10)(/ubi|/ubi-init)?|docker\\.io/redhat/ubi(8|9|10)(-init)?");

    /** What drydock knows of the base image's package manager; empty for an image it does not know for sure. */
    public static Optional<ImagePackageManager> of(BaseImage base) {
        if (base instanceof BaseImage.Scratch) {
            return Optional.of(new ImagePackageManager("scratch", null, false));
        }
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isImage()) {
            return Optional.empty();
        }
        ImageReference ref = external.reference();
        String written = ref.familiarString();
        Optional<String> redHat = redHatFamily(ref);
        if (redHat.isPresent()) {
            return Optional.of(new ImagePackageManager(written, redHat.get(), true));
        }
        if (ref.isOfficialImage() && ref.imageName().equalsIgnoreCase("busybox")) {
            return Optional.of(new ImagePackageManager(written, null, true));
        }
        Optional<ImageTools> tools = BaseImageFacts.tools(base);
        if (tools.isEmpty()) {
            return Optional.empty();
        }
        String manager = tools.get().packageManager();
        if (manager == null) {
            // only the shell-less images are known to have none; another image's manager may just be undocumented
            return tools.get().shell() ? Optional.empty() : Optional.of(new ImagePackageManager(written, null, false));
        }
        return Optional.of(new ImagePackageManager(written, manager.equals("apt") ? "apt-get" : manager, true));
    }

    /** The manager of the official Red Hat family images and the full UBI images, which tools() leaves out. */
    private static Optional<String> redHatFamily(ImageReference ref) {
        String name = ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT);
        if (FULL_UBI.matcher(name).matches()) {
            return Optional.of("dnf");
        }
        if (!OfficialImages.published(ref) && !name.equals("docker.io/rockylinux/rockylinux")) {
            return Optional.empty();
        }
        String tag = ref.effectiveTagLowerCase();
        return Optional.ofNullable(switch (ref.imageName().toLowerCase(Locale.ROOT)) {
            case "fedora" -> "dnf";
            case "rockylinux", "almalinux" -> tag.contains("minimal") ? "microdnf" : tag.contains("micro") ? null : "dnf";
            case "amazonlinux" -> tag.startsWith("2023") ? "dnf"
                    : tag.equals("2") || tag.startsWith("2.") || tag.startsWith("2-") ? "yum" : "rpm";
            case "centos" -> tag.equals("7") || tag.startsWith("7.") || tag.equals("centos7") ? "yum"
                    : tag.equals("8") || tag.startsWith("8.") || tag.equals("centos8") ? "dnf" : "rpm";
            case "oraclelinux" -> "rpm";
            default -> null;
        });
    }

    /** Whether {@code program}, a package manager, is known to be missing from the image. */
    public boolean lacks(String program) {
        if (PackageCommands.Manager.of(program).isEmpty()) {
            return false;
        }
        if (manager == null) {
            return true;
        }
        return switch (manager) {
            case "apt-get" -> !APT.contains(program);
            case "apk" -> !program.equals("apk");
            // yum is dnf's alias on the dnf releases; dnf5 and microdnf may be there too
            case "dnf", "rpm" -> !RPM.contains(program) || program.equals("tdnf");
            case "yum" -> !program.equals("yum");
            case "microdnf" -> !program.equals("microdnf");
            default -> false;
        };
    }

    /** The family of packages the image's own manager installs (Debian's, Alpine's, RPMs), or null when it has none. */
    public PackageCommands.Manager family() {
        if (manager == null) {
            return null;
        }
        return switch (manager) {
            case "apt-get" -> PackageCommands.Manager.APT;
            case "apk" -> PackageCommands.Manager.APK;
            default -> PackageCommands.Manager.RPM;
        };
    }
}
