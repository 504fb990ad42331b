package dev.drydock.core.rules.support;

import dev.drydock.core.rules.support.PackageCommands.Manager;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * System packages that are only needed to build software: compilers, build systems and development
 * headers, by the names Debian/Ubuntu (apt), Alpine (apk) and Fedora/RHEL (yum/dnf) give them; and for
 * the common {@code -dev} packages, the runtime library to keep instead.
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

    /** Debian 12 (bookworm) runtime packages of common development packages (those of PHP's extensions among them). */
    private static final Map<String, String> APT_RUNTIME = Map.ofEntries(
            Map.entry("unixodbc-dev", "unixodbc"),
            Map.entry("libpq-dev", "libpq5"),
            Map.entry("default-libmysqlclient-dev", "libmariadb3"),
            Map.entry("libmariadb-dev", "libmariadb3"),
            Map.entry("libffi-dev", "libffi8"),
            Map.entry("libssl-dev", "libssl3"),
            Map.entry("libxml2-dev", "libxml2"),
            Map.entry("libxslt1-dev", "libxslt1.1"),
            Map.entry("libjpeg-dev", "libjpeg62-turbo"),
            Map.entry("libjpeg62-turbo-dev", "libjpeg62-turbo"),
            Map.entry("zlib1g-dev", "zlib1g"),
            Map.entry("libsqlite3-dev", "libsqlite3-0"),
            Map.entry("libpng-dev", "libpng16-16"),
            Map.entry("libfreetype6-dev", "libfreetype6"),
            Map.entry("libcurl4-openssl-dev", "libcurl4"),
            Map.entry("libgeos-dev", "libgeos-c1v5"),
            Map.entry("libyaml-dev", "libyaml-0-2"),
            Map.entry("libzip-dev", "libzip4"),
            Map.entry("libsodium-dev", "libsodium23"),
            Map.entry("libwebp-dev", "libwebp7"),
            Map.entry("libavif-dev", "libavif15"),
            Map.entry("libicu-dev", "libicu72"),
            Map.entry("libonig-dev", "libonig5"),
            Map.entry("libgmp-dev", "libgmp10"),
            Map.entry("libbz2-dev", "libbz2-1.0"),
            Map.entry("libreadline-dev", "libreadline8"),
            Map.entry("libldap2-dev", "libldap-2.5-0"),
            Map.entry("libmemcached-dev", "libmemcached11"),
            Map.entry("libmagickwand-dev", "libmagickwand-6.q16-6"),
            Map.entry("libvips-dev", "libvips42"));

    /** Alpine runtime packages of common development packages. */
    private static final Map<String, String> APK_RUNTIME = Map.ofEntries(
            Map.entry("postgresql-dev", "libpq"),
            Map.entry("libpq-dev", "libpq"),
            Map.entry("mariadb-dev", "mariadb-connector-c"),
            Map.entry("mariadb-connector-c-dev", "mariadb-connector-c"),
            Map.entry("libffi-dev", "libffi"),
            Map.entry("openssl-dev", "libssl3"),
            Map.entry("libxml2-dev", "libxml2"),
            Map.entry("libxslt-dev", "libxslt"),
            Map.entry("jpeg-dev", "libjpeg-turbo"),
            Map.entry("libjpeg-turbo-dev", "libjpeg-turbo"),
            Map.entry("zlib-dev", "zlib"),
            Map.entry("unixodbc-dev", "unixodbc"),
            Map.entry("sqlite-dev", "sqlite-libs"),
            Map.entry("yaml-dev", "yaml"),
            Map.entry("libzip-dev", "libzip"),
            Map.entry("libsodium-dev", "libsodium"),
            Map.entry("libpng-dev", "libpng"),
            Map.entry("freetype-dev", "freetype"),
            Map.entry("libwebp-dev", "libwebp"),
            Map.entry("libavif-dev", "libavif"),
            Map.entry("icu-dev", "icu-libs"),
            Map.entry("oniguruma-dev", "oniguruma"),
            Map.entry("gmp-dev", "gmp"),
            Map.entry("bzip2-dev", "libbz2"),
            Map.entry("openldap-dev", "libldap"),
            Map.entry("libmemcached-dev", "libmemcached-libs"),
            Map.entry("imagemagick-dev", "imagemagick-libs"),
            Map.entry("vips-dev", "vips"));

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

    /** The runtime package to keep instead of a development package, or null when drydock does not know it. */
    public static String runtimeOf(Manager manager, String name) {
        return switch (manager) {
            case APT -> APT_RUNTIME.get(name);
            case APK -> APK_RUNTIME.get(name);
            default -> null;
        };
    }
}
