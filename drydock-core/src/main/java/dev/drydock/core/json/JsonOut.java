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
        return run(g::writeStartObject);
    }

    public JsonOut startObject(String field) {
        return run(() -> g.writeObjectFieldStart(field));
    }

    public JsonOut endObject() {
        return run(g::writeEndObject);
    }

    public JsonOut startArray(String field) {
        return run(() -> g.writeArrayFieldStart(field));
    }

    public JsonOut endArray() {
        return run(g::writeEndArray);
    }

    public JsonOut field(String name, String value) {
        return value == null ? this : run(() -> g.writeStringField(name, value));
    }

    public JsonOut field(String name, long value) {
        return run(() -> g.writeNumberField(name, value));
    }

    public JsonOut field(String name, boolean value) {
        return run(() -> g.writeBooleanField(name, value));
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
            run(() -> g.writeString(value));
        }
        return endArray();
    }

    public JsonOut map(String name, Map<String, String> values) {
        startObject(name);
        values.forEach((k, v) -> run(() -> {
            if (v == null) {
                g.writeNullField(k);
            } else {
                g.writeStringField(k, v);
            }
        }));
        return endObject();
    }

    public JsonOut value(String value) {
        return run(() -> g.writeString(value));
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
        run(g::flush);
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private JsonOut run(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
