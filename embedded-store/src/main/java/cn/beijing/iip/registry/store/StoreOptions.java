package cn.beijing.iip.registry.store;

import java.nio.file.Path;

/**
 * What the command line asks for: where to listen and where the data lives.
 *
 * @param host the address to bind, 127.0.0.1 unless told otherwise
 * @param port the TCP port; 0 picks a free one, which the ready line then names
 * @param storage the H2 file in a data directory, or memory only
 */
public record StoreOptions(String host, int port, Storage storage) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 27017;
    public static final String USAGE = "usage: embedded-store [--host=127.0.0.1] [--port=27017] (--data=DIR | --memory)";

    /** Where the documents are kept. */
    public sealed interface Storage {

        /** Nothing on disk: for tests and throw-away runs. */
        record Memory() implements Storage {
        }

        /** An H2 MVStore file, {@code registry.mv}, in {@code directory}. */
        record File(Path directory) implements Storage {

            public static final String FILE_NAME = "registry.mv";

            public Path file() {
                return directory.resolve(FILE_NAME);
            }
        }
    }

    /** Reads {@code --name=value} arguments; anything else is a {@link StartupException} naming the culprit. */
    public static StoreOptions parse(String... args) {
        String host = DEFAULT_HOST;
        int port = DEFAULT_PORT;
        Storage storage = null;
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            String value = equals < 0 ? null : arg.substring(equals + 1);
            switch (name) {
                case "--host" -> host = required(name, value);
                case "--port" -> port = port(required(name, value));
                case "--data" -> storage = only(storage, new Storage.File(Path.of(required(name, value)).toAbsolutePath().normalize()));
                case "--memory" -> {
                    if (value != null) {
                        throw StartupException.usage("--memory takes no value");
                    }
                    storage = only(storage, new Storage.Memory());
                }
                default -> throw StartupException.usage("unknown argument '" + arg + "'");
            }
        }
        if (storage == null) {
            throw StartupException.usage("say where the data lives: --data=DIR or --memory");
        }
        return new StoreOptions(host, port, storage);
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw StartupException.usage(name + " needs a value, as in " + name + "=VALUE");
        }
        return value;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value the user gave
        }
        throw StartupException.usage("--port must be a number from 0 to 65535, not '" + value + "'");
    }

    private static Storage only(Storage earlier, Storage storage) {
        if (earlier != null) {
            throw StartupException.usage("give either --data=DIR or --memory, once");
        }
        return storage;
    }
}
