package dev.drydock.core.rules.support;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a downloaded file is, by its name, path and URL: the material that checks other downloads
 * (signatures, checksum lists, keys and certificates), a package repository definition, or a file whose URL
 * fixes its content (a commit or a digest in it).
 */
public final class DownloadMaterial {

    private DownloadMaterial() {}

    private static final Pattern SIGNATURE_OR_SUM = Pattern.compile("\\.(asc|sig|sign|signature|minisig|sigstore"
            + "|sigstore\\.json|bundle|intoto\\.jsonl|pem|crt|cer|cert|der|pub|gpg|pgp|key|keyring|rsa"
            + "|sha1|sha224|sha256|sha384|sha512|md5|sha1sum|sha256sum|sha512sum|md5sum|shasum|sum|sums|digest)"
            + "(\\.txt)?$");
    private static final Pattern CHECKSUM_LIST = Pattern.compile(
            "(sha(1|224|256|384|512)?sums?|shasums?|md5sums?|b2sums?|checksums?)");
    private static final Pattern KEY_NAME = Pattern.compile(
            "^(keys|key|gpg|gpgkey|pubkey|public|signing-key|release\\.key)$|gpg[-_]?key|pubkey|public[-_]key"
            + "|signing[-_]key|keyring");
    private static final Pattern KEY_PATH = Pattern.compile("/(keys|gpg|gpgkey|gpg-keys?|pgp|keypair|keyrings?)(/|$)");
    private static final Pattern KEY_HOST = Pattern.compile("^[a-z]+://(keys|keyserver|pgp|keyring)[.-]");
    private static final List<String> TRUST_DIRECTORIES = List.of("/usr/share/keyrings/", "/etc/apt/keyrings/",
            "/etc/apt/trusted.gpg.d/", "/etc/pki/rpm-gpg/", "/etc/apk/keys/", "/usr/local/share/ca-certificates/",
            "/etc/ssl/certs/", "/etc/pki/ca-trust/");
    private static final List<String> REPOSITORY_DIRECTORIES = List.of("/etc/apt/sources.list.d/",
            "/etc/yum.repos.d/", "/etc/zypp/repos.d/");
    private static final Pattern COMMIT_OR_DIGEST = Pattern.compile(
            "(?i)([/=@:_-]|^)[0-9a-f]{40}([/?&#.]|$)|sha(256|512)[:=-]?[0-9a-f]{64}|(^|/)[0-9a-f]{64}(/|$)");
    private static final Pattern LOCAL = Pattern.compile(
            "(?i)^(file:|https?://(localhost|127\\.|0\\.0\\.0\\.0|\\[::1]))");

    /** A signature, checksum list, key or certificate: what verifies a download, not what needs verifying. */
    public static boolean verifies(String file, String url) {
        return file != null && (inAny(file, TRUST_DIRECTORIES) || materialName(Downloads.basename(file)))
                || materialName(Downloads.urlName(url)) || keyUrl(url);
    }

    /** A package repository definition (sources.list.d, yum.repos.d): the package manager checks what it installs. */
    public static boolean repositoryDefinition(String file) {
        return file != null && (inAny(file, REPOSITORY_DIRECTORIES) || file.endsWith(".repo"));
    }

    /** The URL names an immutable content: a git commit or a SHA-256 digest (after variable expansion). */
    public static boolean contentAddressed(String url) {
        return COMMIT_OR_DIGEST.matcher(url).find();
    }

    /** A file: URL or a server of the build's own machine. */
    public static boolean local(String url) {
        return LOCAL.matcher(url).find();
    }

    private static boolean materialName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return SIGNATURE_OR_SUM.matcher(n).find() || CHECKSUM_LIST.matcher(n).find() || KEY_NAME.matcher(n).find();
    }

    private static boolean keyUrl(String url) {
        String u = url.toLowerCase(Locale.ROOT).replaceAll("[?#].*$", "");
        int scheme = u.indexOf("://");
        int pathStart = scheme < 0 ? -1 : u.indexOf('/', scheme + 3);
        String path = pathStart < 0 ? "" : u.substring(pathStart);
        return KEY_PATH.matcher(path).find() || KEY_HOST.matcher(u).find();
    }

    private static boolean inAny(String file, List<String> directories) {
        return directories.stream().anyMatch(file::startsWith);
    }
}
