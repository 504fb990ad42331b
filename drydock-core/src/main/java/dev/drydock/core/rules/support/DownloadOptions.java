package dev.drydock.core.rules.support;

/** The options of curl and wget that take a value, so that their values are not read as URLs. */
public final class DownloadOptions {

    private DownloadOptions() {}

    public static final String[] CURL = {"-o", "--output", "-H", "--header", "-d", "--data", "-u", "--user", "-x",
        "--proxy", "-X", "--request", "-A", "--user-agent", "-e", "--referer", "-m", "--max-time", "-w",
        "--write-out", "-T", "--upload-file", "-F", "--form", "-b", "--cookie", "-c", "--cookie-jar", "-C",
        "--continue-at", "-E", "--cert", "-K", "--config", "-r", "--range", "-Y", "--speed-limit", "-y",
        "--speed-time", "-z", "--time-cond", "--retry", "--connect-timeout", "--url", "--cacert", "--capath",
        "--resolve", "--data-binary", "--data-raw", "--data-urlencode", "--data-ascii", "--json", "--output-dir",
        "--retry-delay", "--retry-max-time", "--limit-rate", "-U", "--proxy-user", "--proto", "--proto-redir",
        "--max-filesize", "--max-redirs", "-D", "--dump-header", "--stderr", "--trace", "--trace-ascii",
        "--interface", "--dns-servers", "--key", "--key-type", "--cert-type", "--pass", "--pinnedpubkey",
        "--noproxy", "--unix-socket", "--oauth2-bearer", "--netrc-file", "--keepalive-time", "--local-port",
        "--parallel-max", "--url-query", "--variable", "--etag-save", "--etag-compare", "--ciphers",
        "--connect-to", "--happy-eyeballs-timeout-ms", "--expect100-timeout", "--create-file-mode"};

    public static final String[] WGET = {"-O", "--output-document", "-P", "--directory-prefix", "-o",
        "--output-file", "-a", "--append-output", "-t", "--tries", "-T", "--timeout", "-U", "--user-agent",
        "--header", "-e", "--execute", "-i", "--input-file", "-w", "--wait", "-Q", "--quota", "--user",
        "--password", "--http-user", "--http-password", "--proxy-user", "--proxy-password", "--ca-certificate",
        "--ca-directory", "--certificate", "--private-key", "-B", "--base", "--progress", "--limit-rate",
        "--referer", "--post-data", "--post-file", "--method", "--body-data", "--body-file", "-l", "--level",
        "-A", "--accept", "-R", "--reject", "-D", "--domains", "--bind-address", "--dns-timeout",
        "--connect-timeout", "--read-timeout", "--waitretry", "--load-cookies", "--save-cookies",
        "--max-redirect", "-Y"};
}
