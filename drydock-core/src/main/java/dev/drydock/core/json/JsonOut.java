package dev.drydock.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.drydock.core.source.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * A thin layer over Jackson's streaming generator for the model's JSON: I/O errors unchecked, null
 * fields left out, spans written the same way everywhere.
 */
public final class JsonOut {

    private final JsonGenerator g;

    public JsonOut(JsonGenerator generator) {
        this.g = generator;
    }

    public JsonOut startObject() {
        try {
            g.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonOut startObject(String field) {
        try {
            g.writeObjectFieldStart(field);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonOut endObject() {
        try {
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonOut startArray(String field) {
        try {
            g.writeArrayFieldStart(field);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonOut endArray() {
        try {
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonOut field(String name, String value) {
        if (value == null) {
            return this;
        }
        try {
            g.writeStringField(name, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonOut field(String name, long value) {
        try {
            g.writeNumberField(name, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonOut field(String name, boolean value) {
        try {
            g.writeBooleanField(name, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonOut field(String name, Integer value) {
        return value == null ? this : field(name, value.longValue());
    }

    public JsonOut strings(String name, Collection<String> values) {
        if (values == null) {
            return this;
        }
        startArray(name);
        for (String value : values) {
            value(value);
        }
        return endArray();
    }

    public JsonOut map(String name, Map<String, String> values) {
        startObject(name);
        values.forEach((k, v) -> {
            try {
                if (v == null) {
                    g.writeNullField(k);
                } else {
                    g.writeStringField(k, v);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return endObject();
    }

    public JsonOut value(String value) {
        try {
            g.writeString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** {@code "line", "column", "endLine", "endColumn"} of a span, inside the current object. */
    public JsonOut span(Span span) {
        if (span == null) {
            return this;
        }
        return field("line", span.startLine()).field("column", span.startColumn())
                .field("endLine", span.endLine()).field("endColumn", span.endColumn());
    }

    /** A span as a nested object. */
    public JsonOut span(String name, Span span) {
        if (span == null) {
            return this;
        }
        return startObject(name).span(span).endObject();
    }

    public void flush() {
        try {
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
