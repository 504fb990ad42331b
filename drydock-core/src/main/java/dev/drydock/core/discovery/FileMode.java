package dev.drydock.core.discovery;

/**
 * The POSIX permission bits of a file in the project folder as checked out ({@code 0644}, {@code 0755}): what
 * a COPY or ADD from the build context gives the file in the image when it sets no {@code --chmod}.
 */
public record FileMode(int bits) {

    public FileMode {
        bits &= 07777;
    }

    /** Whether anyone may execute it: the kernel runs a file for root too only when one x bit is set. */
    public boolean executable() {
        return (bits & 0111) != 0;
    }

    /** The mode as {@code ls -l} and chmod write it in octal: {@code 644}, {@code 755}. */
    public String octal() {
        return Integer.toOctalString(bits);
    }

    @Override
    public String toString() {
        return octal();
    }
}
