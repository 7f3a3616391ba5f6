package cn.beijing.iip.registry.store;

import java.io.PrintStream;

/**
 * The local MongoDB-wire store that ./run.sh starts:
 * {@code java -jar embedded-store-<version>-exec.jar --port=27017 --data=DIR} (or {@code --memory}).
 * Prints one line starting with {@code store ready on} once clients can connect; stops cleanly on
 * SIGTERM or Ctrl-C. A start that cannot succeed prints one line on stderr and exits with 2 when the
 * arguments, port or directory are at fault, 1 otherwise.
 */
public final class EmbeddedStore {

    private EmbeddedStore() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(StoreOptions.USAGE);
            return;
        }
        StoreServer server;
        try {
            server = StoreServer.start(StoreOptions.parse(args));
        } catch (StartupException e) {
            System.err.println("embedded-store: " + e.getMessage());
            System.exit(e.exitCode());
            return;
        } catch (RuntimeException e) {
            System.err.println("embedded-store: could not start: " + e);
            System.exit(StartupException.FAILURE);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "store-shutdown"));
        out.println(server.readyLine());
        out.flush();
    }
}
