import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.constant.ClassDesc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Rewrites the classes of a jar whose class-file version predates Java 6 (picocli is compiled for Java 5)
 * to version 52 with stack map frames, so that the JVM's class-data and AOT caches can hold them and the
 * fast type-checking verifier applies: otherwise they are loaded and verified again on every start.
 * Only the version and the frames change, not the code. Each rewritten class is then loaded and linked,
 * so a frame the verifier rejects fails the build instead of a run.
 * Usage: java ClassFileUpgrade.java JAR PACKAGE-PREFIX... (needs a JDK with java.lang.classfile, 24+)
 */
public final class ClassFileUpgrade {

    private static final int UPGRADED_MAJOR = ClassFile.JAVA_8_VERSION;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java ClassFileUpgrade.java JAR PACKAGE-PREFIX...");
            System.exit(2);
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        List<String> prefixes = List.of(args).subList(1, args.length);
        Path upgraded = jar.resolveSibling(jar.getFileName() + ".upgrading");
        Files.copy(jar, upgraded, StandardCopyOption.REPLACE_EXISTING);
        try {
            List<String> classes;
            try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + upgraded.toUri()), Map.of())) {
                classes = upgrade(zip, prefixes);
            }
            link(upgraded, classes);
            Files.move(upgraded, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(upgraded);
        }
    }

    private static List<String> upgrade(FileSystem zip, List<String> prefixes) throws IOException {
        ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                        .orElse(ClassHierarchyResolver.ofResourceParsing(type -> open(zip, type)))));
        ClassTransform transform = ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                .andThen((builder, element) -> {
                    if (element instanceof ClassFileVersion) {
                        builder.withVersion(UPGRADED_MAJOR, 0);
                    } else {
                        builder.with(element);
                    }
                });
        List<String> upgraded = new ArrayList<>();
        for (String prefix : prefixes) {
            Path folder = zip.getPath("/" + prefix.replace('.', '/'));
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("no package " + prefix + " in the jar");
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(folder)) {
                files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
            }
            for (Path file : files) {
                ClassModel model = classFile.parse(Files.readAllBytes(file));
                if (model.majorVersion() >= ClassFile.JAVA_6_VERSION) {
                    continue;
                }
                Files.write(file, classFile.transformClass(model, transform));
                upgraded.add(model.thisClass().asInternalName().replace('/', '.'));
            }
        }
        return upgraded;
    }

    private static InputStream open(FileSystem zip, ClassDesc type) {
        String descriptor = type.descriptorString();
        Path file = zip.getPath("/" + descriptor.substring(1, descriptor.length() - 1) + ".class");
        try {
            return Files.exists(file) ? Files.newInputStream(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads, verifies and initialises each rewritten class in a loader of its own. */
    private static void link(Path jar, List<String> classes) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            for (String name : classes) {
                try {
                    Class.forName(name, true, loader);
                } catch (VerifyError | ClassFormatError e) {
                    throw new IllegalStateException("the rewritten " + name + " does not verify: " + e.getMessage(), e);
                } catch (LinkageError e) {
                    // a class whose initialiser needs more than the jar: verified all the same
                }
            }
        }
    }
}
