package dev.drydock.core.kubernetes;

import java.util.Map;

/**
 * One entry of a kustomization's {@code images:} list, as kustomize's image transformer applies it: it matches a
 * container image whose name (the reference without its tag and digest) is {@code name}, and replaces the name with
 * {@code newName}; {@code newTag} and {@code digest} replace both the tag and the digest written (both given: the
 * reference gets both).
 */
public record KustomizeImage(String name, String newName, String newTag, String digest) {

    /** The entry of an {@code images:} item, or null for one without a name. */
    static KustomizeImage of(Map<?, ?> item) {
        String name = scalar(item.get("name"));
        return name == null ? null : new KustomizeImage(name, scalar(item.get("newName")),
                scalar(item.get("newTag")), scalar(item.get("digest")));
    }

    /** The reference kustomize writes for {@code image}: transformed when the entry matches it, else unchanged. */
    public String apply(String image) {
        String[] parts = split(image);
        if (!parts[0].equals(name)) {
            return image;
        }
        String tag = parts[1];
        String at = parts[2];
        if (newTag != null || digest != null) {
            tag = newTag;
            at = digest;
        }
        return (newName != null ? newName : parts[0]) + (tag == null ? "" : ":" + tag) + (at == null ? "" : "@" + at);
    }

    /** Name, tag (or null) and digest (or null); a colon before the first slash is a registry's port. */
    static String[] split(String image) {
        String name = image;
        String digest = null;
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at + 1);
            name = name.substring(0, at);
        }
        String tag = null;
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        return new String[] {name, tag, digest};
    }

    private static String scalar(Object value) {
        String text = value instanceof String || value instanceof Number ? value.toString().strip() : "";
        return text.isEmpty() ? null : text;
    }
}
