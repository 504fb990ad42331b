package dev.drydock.core.report;

import java.io.Writer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An XML document written with the JDK's StAX writer, indented two spaces per level. Text that XML 1.0
 * cannot hold (control characters other than tab, newline and carriage return) is dropped, and line
 * breaks in attributes become spaces (a parser would normalize them anyway).
 */
final class XmlOut {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final XMLStreamWriter xml;
    private int depth;
    private boolean hasChildren;

    XmlOut(Writer writer) {
        try {
            xml = FACTORY.createXMLStreamWriter(writer);
            xml.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An element with attributes given as name, value pairs (a null value leaves the attribute out). */
    XmlOut start(String name, Object... attributes) {
        run(() -> {
            indent();
            xml.writeStartElement(name);
            attributes(attributes);
        });
        depth++;
        hasChildren = false;
        return this;
    }

    /** An element without children. */
    XmlOut empty(String name, Object... attributes) {
        run(() -> {
            indent();
            xml.writeEmptyElement(name);
            attributes(attributes);
        });
        hasChildren = true;
        return this;
    }

    /** An element holding text only. */
    XmlOut text(String name, String text, Object... attributes) {
        run(() -> {
            indent();
            xml.writeStartElement(name);
            attributes(attributes);
            xml.writeCharacters(clean(text));
            xml.writeEndElement();
        });
        hasChildren = true;
        return this;
    }

    XmlOut end() {
        depth--;
        boolean children = hasChildren;
        run(() -> {
            if (children) {
                indent();
            }
            xml.writeEndElement();
        });
        hasChildren = true;
        return this;
    }

    void finish() {
        run(() -> {
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
        });
    }

    private void attributes(Object[] attributes) throws XMLStreamException {
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                xml.writeAttribute((String) attributes[i],
                        clean(String.valueOf(attributes[i + 1])).replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
            }
        }
    }

    private void indent() throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                        || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    private interface XmlStep {
        void run() throws XMLStreamException;
    }

    private static void run(XmlStep step) {
        try {
            step.run();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }
}
