package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ImageReference;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What drydock can tell about the environment variables a base image sets, without fetching its
 * configuration from the registry: nothing for scratch, the usual names for Docker Official Images,
 * and nothing certain for any other image.
 */
public final class BaseImageEnvironment {

    private BaseImageEnvironment() {}

    /** How much is known about the variables of a stage's base. */
    public enum Knowledge {
        /** scratch: no variable at all (BuildKit only adds PATH). */
        EMPTY,
        /** A Docker Official Image: PATH and the names such images set (LANG, PYTHON_VERSION, JAVA_HOME ...). */
        OFFICIAL,
        /** Any other image: it may set any variable. */
        UNKNOWN
    }

    /** Names the Docker Official Images set in their ENV besides the ones {@link #OFFICIAL_SUFFIX} matches. */
    private static final Set<String> OFFICIAL_NAMES = Set.of("PATH", "LANG", "LANGUAGE", "LC_ALL", "GPG_KEY", "GOPATH",
            "GOTOOLCHAIN", "GEM_HOME", "BUNDLE_APP_CONFIG", "BUNDLE_SILENCE_ROOT_WARNING", "PGDATA", "PHPIZE_DEPS",
            "PHP_INI_DIR", "PHP_CFLAGS", "PHP_CPPFLAGS", "PHP_LDFLAGS", "PHP_URL", "PHP_ASC_URL", "PKG_RELEASE",
            "DYNPKG_RELEASE", "NJS_RELEASE", "DOTNET_RUNNING_IN_CONTAINER", "ASPNETCORE_HTTP_PORTS", "APP_UID",
            "MAVEN_CONFIG", "CATALINA_HOME", "TOMCAT_NATIVE_LIBDIR", "LD_LIBRARY_PATH", "OPENSSL_VERSION",
            "DOTNET_GENERATE_ASPNET_CERTIFICATE", "NUGET_XMLDOC_MODE", "POWERSHELL_DISTRIBUTION_CHANNEL",
            "ERLANG_INSTALL", "ELIXIR_VERSION", "RUSTUP_HOME", "CARGO_HOME", "JRUBY_VERSION", "GOSU_VERSION",
            "TINI_VERSION", "HTTPD_PREFIX", "REDIS_DOWNLOAD_URL", "REDIS_DOWNLOAD_SHA", "JDK_JAVA_OPTIONS");

    /** Name endings the official images use for versions, checksums and install locations. */
    private static final Pattern OFFICIAL_SUFFIX = Pattern.compile(
            ".*_(VERSION|MAJOR|MINOR|HOME|SHA256|SHA512|SHA|DOWNLOAD_URL|URL|RELEASE|PREFIX|KEY|KEYS)$");

    /**
     * The software whose official images (or the images they build on) set variables with the usual endings:
     * JAVA_HOME, MAVEN_HOME, NODE_VERSION, PYTHON_SHA256 ... A name with such an ending but another prefix
     * (DOCKER_HOME, APP_HOME) is the Dockerfile's own.
     */
    private static final Set<String> OFFICIAL_SOFTWARE = Set.of("JAVA", "JDK", "JRE", "MAVEN", "GRADLE", "ANT", "SBT",
            "SCALA", "GROOVY", "KOTLIN", "LEIN", "CLOJURE", "CATALINA", "TOMCAT", "TOMEE", "JETTY", "NODE", "YARN", "NPM",
            "PYTHON", "PIP", "SETUPTOOLS", "WHEEL", "RUBY", "RUBYGEMS", "BUNDLER", "BUNDLE", "JRUBY", "GO", "GOLANG",
            "RUST", "RUSTUP", "CARGO", "PHP", "COMPOSER", "NGINX", "NJS", "HTTPD", "APACHE", "REDIS", "POSTGRES", "PG",
            "MYSQL", "MARIADB", "MONGO", "ERLANG", "OTP", "REBAR", "REBAR3", "ELIXIR", "DOTNET", "ASPNET", "ASPNETCORE",
            "POWERSHELL", "GOSU", "TINI", "OPENSSL", "HAPROXY", "RABBITMQ", "ELASTICSEARCH", "ES", "KIBANA", "LOGSTASH",
            "ZOOKEEPER", "ZOO", "SOLR", "CASSANDRA", "COUCHDB", "INFLUXDB", "MEMCACHED", "TRAEFIK", "CADDY", "PERL",
            "JULIA", "SWIFT", "HASKELL", "GHC", "CABAL", "STACK", "DART", "R", "HAXE", "NEKO", "GCC", "BUSYBOX",
            "ALPINE", "DEBIAN", "UBUNTU", "FEDORA", "CENTOS", "PYPY", "LANG", "GPG", "BUN", "DENO", "GEM", "MIX", "HEX",
            "SONARQUBE", "JENKINS", "GHOST", "WORDPRESS", "DRUPAL", "JOOMLA", "NEXTCLOUD", "MATOMO", "ODOO", "REDMINE",
            "ROCKETCHAT", "KONG", "VAULT", "CONSUL", "NATS", "EMQX", "SAPMACHINE",
            "LIBERICA", "CORRETTO", "ZULU", "SEMERU", "TEMURIN", "GRAALVM", "OPENJ9", "WILDFLY", "JBOSS", "LIBERTY",
            "WLP", "OPENLIBERTY", "FLINK", "SPARK", "HADOOP", "STORM", "KAFKA", "NEO4J", "ARANGO", "ORIENTDB", "RETHINKDB",
            "COUCHBASE", "CRATE", "YOURLS", "XWIKI", "PLONE", "SILVERPEAS", "CONVERTIGO", "NUXEO", "GEONETWORK",
            "PERCONA", "POSTFIXADMIN", "PHPMYADMIN", "ADMINER", "MONICA", "FRIENDICA", "BONITA", "TELEGRAF", "CHRONOGRAF",
            "KAPACITOR");

    public static Knowledge of(BaseImage base) {
        if (base instanceof BaseImage.Scratch) {
            return Knowledge.EMPTY;
        }
        if (base instanceof BaseImage.External external && external.reference() != null) {
            ImageReference ref = external.reference();
            if (ref.isScratch()) {
                return Knowledge.EMPTY;
            }
            if (OfficialImages.published(ref)) {
                return Knowledge.OFFICIAL;
            }
        }
        return Knowledge.UNKNOWN;
    }

    /** Whether base images commonly set {@code name} (GOPATH, JAVA_HOME, PHP_INI_DIR ...). */
    public static boolean isWellKnown(String name) {
        return OFFICIAL_NAMES.contains(name);
    }

    /**
     * Whether an official image {@code base} may set {@code name}: PATH and the usual names, names with the
     * usual endings, and names that start with the image's own name (NGINX_..., PYTHON_..., NODE_...).
     */
    public static boolean officialImageMaySet(BaseImage base, String name) {
        return OFFICIAL_NAMES.contains(name) || OFFICIAL_SUFFIX.matcher(name).matches()
                && OFFICIAL_SOFTWARE.contains(name.substring(0, name.indexOf('_'))) || commonlySetBy(base, name);
    }

    /**
     * Whether {@code name} is one an image sets without much doubt: the usual names (PATH, LANG ...) and
     * names that start with the image's own name ({@code PYTHON_} for python). Names that only end like
     * an image variable ({@code _VERSION}) are left out: a Dockerfile's own ARGs are often named so.
     */
    public static boolean commonlySetBy(BaseImage base, String name) {
        if (OFFICIAL_NAMES.contains(name)) {
            return true;
        }
        if (base instanceof BaseImage.External external && external.reference() != null
                && external.reference().imageName() != null) {
            String image = external.reference().imageName().toUpperCase(Locale.ROOT).replace('-', '_');
            return name.startsWith(image + "_");
        }
        return false;
    }
}
