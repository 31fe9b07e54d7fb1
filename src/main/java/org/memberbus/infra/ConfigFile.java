package org.memberbus.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A YAML file that staff edit while the bus runs (prices, the GL mapping): read at start-up, and
 * read again whenever it changed since (checked on each {@link #current()}), so no restart is
 * needed. A mistake is refused with its reason in the log and the values in force stay. A jar run
 * from another folder reads the copy it carries under {@code config/} (then nothing reloads).
 *
 * @param <T> the checked values; the parser names every mistake in its exception's message
 */
public final class ConfigFile<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFile.class);

    private final String what;
    private final String path;
    private final BiFunction<String, String, T> parser;
    private final Function<T, String> describe;
    private volatile T value;
    private FileTime lastModified; // guarded by this

    /**
     * @param what     what the file holds, for the log ("Membership prices")
     * @param parser   (text, source) to the values, or an IllegalArgumentException naming each mistake
     * @param describe the values in one line for the log (no personal data: these are rules)
     */
    public ConfigFile(String what, String path, BiFunction<String, String, T> parser, Function<T, String> describe) {
        this.what = what;
        this.path = path;
        this.parser = parser;
        this.describe = describe;
        var file = Path.of(path);
        if (Files.isRegularFile(file)) {
            this.lastModified = modified(file);
            this.value = parser.apply(read(file), path);
        } else {
            try (InputStream in = ConfigFile.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException(what + " not found: " + path + " is neither a file nor on the classpath");
                }
                this.value = parser.apply(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + path);
            } catch (IOException e) {
                throw new IllegalStateException(what + " unreadable: " + path + ": " + e.getMessage(), e);
            }
        }
        LOG.info("{} from {}: {}", what, path, describe.apply(value));
    }

    /** The values in force, read again first if the file changed since. */
    public T current() {
        reloadIfChanged();
        return value;
    }

    /** A YAML document, duplicate keys refused (a key given twice is a mistake, not "the last wins"). */
    public static Object yaml(String text, String source) {
        try {
            var options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    private synchronized void reloadIfChanged() {
        var file = Path.of(path);
        if (lastModified == null || !Files.isRegularFile(file)) {
            return;
        }
        var modified = modified(file);
        if (modified.equals(lastModified)) {
            return;
        }
        lastModified = modified;
        try {
            value = parser.apply(read(file), path);
            LOG.info("{} changed in {}: {}", what, path, describe.apply(value));
        } catch (IllegalStateException | IllegalArgumentException e) {
            LOG.error("{} in {} refused, those in force stay: {}", what, path, e.getMessage());
        }
    }

    private String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(what + " unreadable: " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
