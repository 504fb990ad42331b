package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.golang.GoText;

import dev.drydock.core.golang.GoUnits;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A RUN {@code --mount} value, read as BuildKit reads it: a CSV record of {@code key=value} fields
 * (keys case-insensitive; {@code src} for {@code source}; {@code dst} and {@code destination} for
 * {@code target}; {@code ro}/{@code readonly} and {@code rw}/{@code readwrite} also bare), checked with
 * BuildKit's rules for the mount type. A value that refers to a build argument ({@code $NAME}) is only
 * known at build time: it is kept as written and not checked or converted (its number is absent).
 *
 * @param options every field, in order
 * @param type the mount type, lower-cased: {@code bind} (the default), {@code cache}, {@code tmpfs},
 *     {@code secret} or {@code ssh}
 * @param readOnly whether the mount is read-only, with BuildKit's default per type (cache and tmpfs
 *     writable, others read-only)
 * @param required {@code required} of a secret or ssh mount
 * @param mode {@code mode}, octal in the source
 * @param size {@code size} of a tmpfs mount, in bytes
 */
public record MountSpec(
        List<MountOption> options,
        String type,
        Optional<String> from,
        Optional<String> source,
        Optional<String> target,
        Optional<String> id,
        Optional<String> sharing,
        Optional<String> env,
        boolean readOnly,
        boolean required,
        OptionalLong mode,
        OptionalLong uid,
        OptionalLong gid,
        OptionalLong size) {

    private static final Set<String> TYPES = Set.of("bind", "cache", "tmpfs", "secret", "ssh");
    private static final Set<String> SHARING = Set.of("shared", "private", "locked");

    public MountSpec {
        options = List.copyOf(options);
    }

    /** The first field with this (lower-case) key. */
    public Optional<MountOption> option(String key) {
        return options.stream().filter(o -> o.key().equals(key)).findFirst();
    }

    /** Parses the value of a {@code --mount} flag; problems are errors at the offending field. */
    public static MountSpec parse(Flag flag) {
        return new Reader(flag).read();
    }

    private static final class Reader {
        private final Flag flag;
        private final MappedText value;
        private final List<MountOption> options = new ArrayList<>();
        private String type = "bind";
        private String from;
        private String source;
        private String target;
        private String id;
        private String sharing;
        private String env;
        private boolean readOnly;
        private boolean roAuto = true;
        private boolean required;
        private Long mode;
        private Long uid;
        private Long gid;
        private Long size;
        private MountOption typeOption;

        Reader(Flag flag) {
            this.flag = flag;
            flag.stringValue();
            this.value = flag.valueText();
        }

        MountSpec read() {
            List<GoCsv.Field> fields;
            try {
                fields = GoCsv.read(value.text());
            } catch (GoCsv.CsvException e) {
                throw at(e.index, "failed to parse csv mounts: " + e.getMessage());
            }
            for (GoCsv.Field field : fields) {
                field(field);
            }
            validate();
            if (roAuto) {
                readOnly = !type.equals("cache") && !type.equals("tmpfs");
            }
            return new MountSpec(options, type, Optional.ofNullable(from), Optional.ofNullable(source),
                    Optional.ofNullable(target), Optional.ofNullable(id), Optional.ofNullable(sharing),
                    Optional.ofNullable(env), readOnly, required, optional(mode), optional(uid), optional(gid),
                    optional(size));
        }

        private void field(GoCsv.Field field) {
            String text = field.text();
            int equals = text.indexOf('=');
            boolean quoted = field.end() > field.start() && value.text().charAt(field.start()) == '"';
            String key = (equals < 0 ? text : text.substring(0, equals)).toLowerCase(Locale.ROOT);
            String v = equals < 0 ? null : text.substring(equals + 1);
            Span span = span(field.start(), field.end());
            Span keySpan = quoted ? span : span(field.start(), field.start() + (equals < 0 ? text.length() : equals));
            Span valueSpan = v == null ? null : quoted ? span : span(field.start() + equals + 1, field.end());
            MountOption option = new MountOption(key, v, span, keySpan, valueSpan);
            options.add(option);
            if (v == null) {
                switch (key) {
                    case "readonly", "ro" -> {
                        readOnly = true;
                        roAuto = false;
                    }
                    case "readwrite", "rw" -> {
                        readOnly = false;
                        roAuto = false;
                    }
                    case "required" -> {
                        requireSecretOrSsh(option);
                        required = true;
                    }
                    default -> throw error(span, "invalid field '" + text + "' must be a key=value pair");
                }
                return;
            }
            if (key.equals("from") && hasVariable(v)) {
                throw error(valueSpan, "'from' doesn't support variable expansion, define alias stage instead");
            }
            boolean known = !v.contains("$");
            switch (key) {
                case "type" -> {
                    String lower = v.toLowerCase(Locale.ROOT);
                    if (known && !TYPES.contains(lower)) {
                        throw error(valueSpan, "unsupported mount type " + GoText.quote(v));
                    }
                    type = lower;
                    typeOption = option;
                }
                case "from" -> from = v;
                case "source", "src" -> source = v;
                case "target", "dst", "destination" -> target = v;
                case "readonly", "ro" -> {
                    if (known) {
                        readOnly = bool(option, v);
                    }
                    roAuto = false;
                }
                case "readwrite", "rw" -> {
                    if (known) {
                        readOnly = !bool(option, v);
                    }
                    roAuto = false;
                }
                case "required" -> {
                    requireSecretOrSsh(option);
                    if (known) {
                        required = bool(option, v);
                    }
                }
                case "size" -> {
                    if (!type.equals("tmpfs")) {
                        throw unexpected(option);
                    }
                    if (known) {
                        try {
                            size = GoUnits.ramInBytes(v);
                        } catch (IllegalArgumentException e) {
                            throw error(valueSpan, "invalid value for " + key + ": " + v);
                        }
                    }
                }
                case "id" -> id = v;
                case "env" -> env = v;
                case "sharing" -> {
                    String lower = v.toLowerCase(Locale.ROOT);
                    if (known && !SHARING.contains(lower)) {
                        throw error(valueSpan, "unsupported sharing value " + GoText.quote(v));
                    }
                    sharing = lower;
                }
                case "mode" -> mode = number(option, v, 8, "mode");
                case "uid" -> uid = number(option, v, 10, "uid");
                case "gid" -> gid = number(option, v, 10, "gid");
                default -> throw error(keySpan, "unexpected key '" + key + "' in '" + text + "'");
            }
        }

        private void validate() {
            boolean fileInfoAllowed = type.equals("secret") || type.equals("ssh") || type.equals("cache");
            Span at = typeOption != null ? typeOption.span() : flag.span();
            if (!fileInfoAllowed && !type.contains("$")) {
                for (String key : List.of("mode", "uid", "gid")) {
                    Optional<MountOption> o = options.stream().filter(x -> x.key().equals(key)).findFirst();
                    if (o.isPresent()) {
                        throw error(o.get().span(), key + " not allowed for " + GoText.quote(type) + " type mounts");
                    }
                }
            }
            if (type.equals("secret")) {
                if (from != null && !from.isEmpty()) {
                    throw error(at, "secret mount should not have a from");
                }
                if (sharing != null && !sharing.isEmpty()) {
                    throw error(at, "secret mount should not define sharing");
                }
                if (isEmpty(source) && isEmpty(target) && isEmpty(id)) {
                    throw error(at, "invalid secret mount. one of source, target required");
                }
                if (!isEmpty(source) && !isEmpty(id)) {
                    throw error(at, "both source and id can't be set");
                }
            }
            if (sharing != null && !sharing.isEmpty() && !type.equals("cache") && !type.contains("$")) {
                throw error(at, "invalid cache sharing set for " + type + " mount");
            }
        }

        private void requireSecretOrSsh(MountOption option) {
            if (!type.equals("secret") && !type.equals("ssh") && !type.contains("$")) {
                throw unexpected(option);
            }
        }

        private SourceException unexpected(MountOption option) {
            return error(option.keySpan(), "unexpected key '" + option.key() + "' for mount type '" + type + "'");
        }

        private boolean bool(MountOption option, String v) {
            try {
                return GoInts.parseBool(v);
            } catch (IllegalArgumentException e) {
                throw error(option.valueSpan(), "invalid value for " + option.key() + ": " + v);
            }
        }

        private Long number(MountOption option, String v, int base, String name) {
            if (v.contains("$")) {
                return null;
            }
            try {
                return GoInts.parseUint(v, base, 32);
            } catch (IllegalArgumentException e) {
                throw error(option.valueSpan(), "invalid value " + v + " for " + name);
            }
        }

        private Span span(int from, int to) {
            return value.fileSpan(from, to);
        }

        private SourceException at(int index, String message) {
            return new SourceException(value.file(), value.fileOffset(Math.min(index, value.length())), message);
        }

        private SourceException error(Span span, String message) {
            return new SourceException(value.file(), span.start(), message);
        }

        private static boolean isEmpty(String s) {
            return s == null || s.isEmpty();
        }

        private static boolean hasVariable(String v) {
            int dollar = v.indexOf('$');
            return dollar >= 0 && dollar + 1 < v.length();
        }

        private static OptionalLong optional(Long value) {
            return value == null ? OptionalLong.empty() : OptionalLong.of(value);
        }
    }
}
