package cn.beijing.iip.registry.system.attacks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a request to the gateway and keeps whatever comes back, including no answer at all. Most go
 * through the JDK's client; requests a well-behaved client refuses to send (a line break in a header,
 * an absolute-form target, a smuggled length) go over a plain socket exactly as written.
 */
public final class Wire {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CONTENT_LENGTH = Pattern.compile("\r\ncontent-length:\\s*(\\d+)");

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    public Wire(String base) {
        this.base = URI.create(base);
    }

    /** {@code 127.0.0.1:port}, for the Host line of raw requests. */
    public String authority() {
        return base.getHost() + ":" + base.getPort();
    }

    /** A request as it went out, so checks can tell an echo of the caller's own words from a leak. */
    public record Sent(String method, String target, Map<String, String> headers, byte[] body) {

        public Sent {
            headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
            body = body == null ? new byte[0] : body;
        }

        public String text() {
            StringBuilder text = new StringBuilder(method).append(' ').append(target).append('\n');
            headers.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
            text.append(new String(body, StandardCharsets.UTF_8));
            String plain = text.toString();
            try {
                return plain + "\n" + URLDecoder.decode(plain.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformedEscape) {
                return plain;
            }
        }
    }

    /** What came back: a status, headers and body, or why nothing did. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body, long millis, String failure) {

        public static Answer failed(String failure, long millis) {
            return new Answer(0, Map.of(), new byte[0], millis, failure);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream()).findFirst();
        }

        public List<String> headerValues(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream()).toList();
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        /**
         * The gateway's own 503, from a route's circuit breaker: the service did not answer within the
         * gateway's time limit (or is down). On a machine shared with other test runs a slow moment is
         * enough, whatever was sent.
         */
        public boolean isGatewayOutageAnswer() {
            String text = text();
            return status == 503 && text.contains("urn:iip-registry:problem:service-unavailable")
                    && text.contains("service is down or did not answer in time");
        }

        @Override
        public String toString() {
            if (failure != null) {
                return "no answer: " + failure;
            }
            String text = text();
            return status + " " + contentType() + " " + (text.length() > 600 ? text.substring(0, 600) + "…" : text);
        }
    }

    public Answer send(Sent sent) {
        long started = System.nanoTime();
        try {
            HttpRequest.BodyPublisher publisher = sent.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(sent.body());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + sent.target())).timeout(TIMEOUT)
                    .method(sent.method(), publisher);
            sent.headers().forEach(request::header);
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().map(), response.body(), millisSince(started), null);
        } catch (IOException | RuntimeException e) {
            return Answer.failed(e.toString(), millisSince(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed("interrupted", millisSince(started));
        }
    }

    /** A body sent without a length, in chunks, as a streaming client sends it. */
    public Answer sendChunked(Sent sent) {
        long started = System.nanoTime();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + sent.target())).timeout(TIMEOUT)
                    .method(sent.method(), HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofByteArray(sent.body())));
            sent.headers().forEach(request::header);
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().map(), response.body(), millisSince(started), null);
        } catch (IOException | RuntimeException e) {
            return Answer.failed(e.toString(), millisSince(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed("interrupted", millisSince(started));
        }
    }

    /** Writes {@code request} to the gateway's port byte for byte and reads the answer until the server closes. */
    public Answer sendRaw(String request) {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return parse(socket.getInputStream(), started);
        } catch (IOException | RuntimeException e) {
            return Answer.failed(e.toString(), millisSince(started));
        }
    }

    private static Answer parse(InputStream in, long started) throws IOException {
        byte[] all = readUntilClosedOrComplete(in);
        String head = headOf(all);
        if (head == null) {
            return Answer.failed("no complete status line and headers in " + all.length + " bytes", millisSince(started));
        }
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).strip(), name -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).strip());
            }
        }
        byte[] rest = Arrays.copyOfRange(all, head.getBytes(StandardCharsets.ISO_8859_1).length + 4, all.length);
        boolean chunked = headers.entrySet().stream().anyMatch(entry -> entry.getKey().equalsIgnoreCase("Transfer-Encoding")
                && entry.getValue().stream().anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("chunked")));
        return new Answer(Integer.parseInt(status[1]), headers, chunked ? dechunk(rest) : rest, millisSince(started), null);
    }

    /** Reads until the server closes, or until a first answer is complete (a server may keep the line open). */
    private static byte[] readUntilClosedOrComplete(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            bytes.write(buffer, 0, read);
            if (complete(bytes.toByteArray())) {
                break;
            }
        }
        return bytes.toByteArray();
    }

    private static boolean complete(byte[] all) {
        String head = headOf(all);
        if (head == null) {
            return false;
        }
        String lower = head.toLowerCase(Locale.ROOT);
        int bodyLength = all.length - head.getBytes(StandardCharsets.ISO_8859_1).length - 4;
        Matcher length = CONTENT_LENGTH.matcher(lower);
        if (length.find()) {
            return bodyLength >= Long.parseLong(length.group(1));
        }
        if (lower.contains("transfer-encoding: chunked")) {
            return new String(all, StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n");
        }
        return lower.startsWith("http/1.1 204") || lower.startsWith("http/1.1 304");
    }

    private static String headOf(byte[] all) {
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        return end < 0 || !text.startsWith("HTTP/") ? null : text.substring(0, end);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int size = sizeLine.isEmpty() ? 0 : Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            body.write(chunked, start, Math.min(size, chunked.length - start));
            at = start + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
