package cn.beijing.iip.registry.store;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

/** The runnable jar as ./run.sh uses it: its ready line, its exit codes, its one-line errors. */
class StoreCommandIT {

    @TempDir
    Path temp;

    @Test
    void printsTheReadyLineWithTheAddressItListensOn() throws IOException {
        int port = freePort();
        try (StoreProcess store = StoreProcess.startReady(StoreProcess.fromExecJar("--port=" + port, "--memory"))) {
            assertThat(store.stdout()).filteredOn(line -> line.startsWith("store ready on "))
                    .singleElement().asString().startsWith("store ready on 127.0.0.1:" + port + " ");
        }
    }

    @Test
    void servesTheDriverOverTcpFromMemoryAndForgetsOnRestart() {
        try (StoreProcess store = StoreProcess.startReady(StoreProcess.fromExecJar("--port=0", "--memory"));
                MongoClient client = Clients.connect(store.uri())) {
            MongoCollection<Document> entries = client.getDatabase("iip").getCollection("entries");
            entries.insertOne(new Document("_id", "e1").append("name", "Foton Vehicle Cloud"));

            assertThat(entries.find(eq("_id", "e1")).first()).containsEntry("name", "Foton Vehicle Cloud");
        }
        try (StoreProcess store = StoreProcess.startReady(StoreProcess.fromExecJar("--port=0", "--memory"));
                MongoClient client = Clients.connect(store.uri())) {
            assertThat(client.getDatabase("iip").getCollection("entries").countDocuments()).isZero();
        }
    }

    @Test
    void refusesATakenPortInOneLineWithExitCode2() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StoreProcess store = StoreProcess.start(StoreProcess.fromExecJar("--port=" + taken.getLocalPort(), "--memory"));

            assertThat(store.awaitExit()).isEqualTo(2);
            assertOneLineExplanation(store, "cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void refusesAnUnknownArgumentInOneLineWithExitCode2() {
        StoreProcess store = StoreProcess.start(StoreProcess.fromExecJar("--memory", "--replSet=rs0"));

        assertThat(store.awaitExit()).isEqualTo(2);
        assertOneLineExplanation(store, "unknown argument '--replSet=rs0'");
    }

    @Test
    void refusesADataDirectoryItCannotCreateInOneLineWithExitCode2() throws IOException {
        // a directory below a plain file cannot be made, even by root
        Path file = Files.writeString(temp.resolve("plain-file"), "not a directory");
        StoreProcess store = StoreProcess.start(StoreProcess.fromExecJar("--port=0", "--data=" + file.resolve("data")));

        assertThat(store.awaitExit()).isEqualTo(2);
        assertOneLineExplanation(store, "cannot create the data directory");
    }

    @Test
    void refusesADataDirectoryAnotherStoreIsUsingWithExitCode2() {
        Path data = temp.resolve("shared");
        try (StoreProcess first = StoreProcess.startReady(StoreProcess.fromExecJar("--port=0", "--data=" + data))) {
            StoreProcess second = StoreProcess.start(StoreProcess.fromExecJar("--port=0", "--data=" + data));

            assertThat(second.awaitExit()).isEqualTo(2);
            assertOneLineExplanation(second, "is in use by another process");
        }
    }

    private static void assertOneLineExplanation(StoreProcess store, String explanation) {
        List<String> stderr = store.stderr();
        assertThat(stderr).singleElement().asString().startsWith("embedded-store: ").contains(explanation);
        assertThat(store.stdout()).noneMatch(line -> line.startsWith("store ready on"))
                .noneMatch(line -> line.contains("Exception") || line.startsWith("\tat "));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
