package dev.drydock.core.rules.support;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * System packages that are only needed to build software: compilers, build systems and development
 * headers, by the names Debian/Ubuntu (apt), Alpine (apk) and Fedora/RHEL (yum/dnf) give them ({@link
 * RuntimePackages} names the runtime library to keep instead of a {@code -dev} package).
 */
public final class BuildTools {

    private BuildTools() {}

    private static final Set<String> TOOLS = Set.of(
            "gcc", "g++", "c++", "cc", "clang", "llvm", "make", "cmake", "ninja", "ninja-build", "meson", "autoconf",
            "automake", "libtool", "libtool-bin", "pkg-config", "pkgconf", "pkgconfig", "bison", "flex", "gfortran",
            "build-essential", "build-base", "alpine-sdk", "musl-dev", "linux-headers", "linux-libc-dev",
            "kernel-headers", "kernel-devel", "glibc-devel", "gcc-c++", "rust", "rustc", "cargo", "golang",
            "golang-go", "nasm", "yasm", "swig", "dpkg-dev", "@development-tools", "development tools");

    private static final Pattern VERSIONED = Pattern.compile("(gcc|g\\+\\+|clang|llvm|cpp|gfortran)-\\d+(\\.\\d+)?");
    private static final Pattern DEV = Pattern.compile("[a-z0-9][a-z0-9.+_-]*-(dev|devel|headers)");

    /** Whether a package (named without version) is a build tool or development headers. */
    public static boolean isBuildTool(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return TOOLS.contains(n) || VERSIONED.matcher(n).matches() || DEV.matcher(n).matches();
    }

    private static final Set<String> COMPILERS = Set.of("gcc", "g++", "c++", "cc", "clang", "gcc-c++",
            "build-essential", "build-base", "alpine-sdk", "@development-tools", "development tools");

    /** Whether a package brings a C or C++ compiler, without which development headers build nothing. */
    public static boolean isCompiler(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return COMPILERS.contains(n) || VERSIONED.matcher(n).matches() && !n.startsWith("llvm") && !n.startsWith("cpp");
    }

    /** Whether it is a development package (headers), which usually has a runtime library counterpart. */
    public static boolean isDevelopmentPackage(String name) {
        return DEV.matcher(name).matches() && !TOOLS.contains(name);
    }
}
