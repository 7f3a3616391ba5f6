package cn.beijing.iip.registry.core.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP over a real connection, as a client would call the API. */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String base() {
        return base;
    }

    public Call get(String path) {
        return new Call(this, "GET", path);
    }

    public Call post(String path) {
        return new Call(this, "POST", path);
    }

    public Call put(String path) {
        return new Call(this, "PUT", path);
    }

    public Call delete(String path) {
        return new Call(this, "DELETE", path);
    }

    public Call method(String method, String path) {
        return new Call(this, method, path);
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** A request being built. */
    public static final class Call {

        private final Http http;
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;
        private boolean chunked;

        private Call(Http http, String method, String path) {
            this.http = http;
            this.method = method;
            this.path = path;
        }

        public Call token(String token) {
            return token == null ? this : header("Authorization", "Bearer " + token);
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Call json(String json) {
            headers.putIfAbsent("Content-Type", "application/json");
            this.body = json.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Call json(Object value) {
            return json(Http.json(value));
        }

        public Call body(byte[] bytes, String contentType) {
            headers.put("Content-Type", contentType);
            this.body = bytes;
            return this;
        }

        /** Sends the body without Content-Length, in chunks, as a streaming client would. */
        public Call chunked() {
            this.chunked = true;
            return this;
        }

        public Response send() {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : chunked ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.base + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, publisher);
            headers.forEach(request::header);
            try {
                HttpResponse<byte[]> response = http.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Response(response.statusCode(), response.headers().map(), response.body());
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A response with its JSON body parsed on demand. */
    public record Response(int status, Map<String, java.util.List<String>> headers, byte[] bytes) {

        public JsonNode json() {
            return bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes);
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().getFirst()).findFirst();
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }
}
