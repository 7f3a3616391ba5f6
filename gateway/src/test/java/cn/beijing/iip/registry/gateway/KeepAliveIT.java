package cn.beijing.iip.registry.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * Callers that keep one connection open (every HTTP client library does) get an answer to each request
 * on it, however the answers before were made: relayed from a service later, or given by the gateway at
 * once. Spoken byte for byte on one socket, so the test sees the connection the caller has.
 */
class KeepAliveIT extends GatewayTest {

    @Test
    void answersTheNextRequestAfterOneItAnsweredItselfWhileTheServiceWasStillAnswering() throws IOException {
        PLATFORMS.stubFor(get("/api/platforms/p1").willReturn(okJson("{\"id\":\"p1\"}").withFixedDelay(200)));

        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());

            // the second request arrives while the service still works on the first; the gateway answers it itself
            out.write((request("/api/platforms/p1") + request("/api/no-such-thing")).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(statusOfNextAnswer(in)).isEqualTo(200);
            assertThat(statusOfNextAnswer(in)).isEqualTo(404);

            // a later request on the same connection is read and answered, not left until the caller gives up
            out.write(request("/api/platforms/p1").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(statusOfNextAnswer(in)).isEqualTo(200);
        }
    }

    private String request(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: application/json\r\n\r\n";
    }

    /** Reads one HTTP/1.1 answer, its body by Content-Length or in chunks, and returns its status. */
    private static int statusOfNextAnswer(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = 0;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            in.readNBytes((int) length);
            return status;
        }
        for (long size = Long.parseLong(line(in).trim(), 16); size > 0; size = Long.parseLong(line(in).trim(), 16)) {
            in.readNBytes((int) size);
            line(in);
        }
        line(in);
        return status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                throw new IOException("the gateway closed the connection after: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
