package cn.beijing.iip.registry.core.entry;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.beijing.iip.registry.core.caller.CallerResolver;
import cn.beijing.iip.registry.core.kind.EntryFields;
import cn.beijing.iip.registry.core.problem.FieldProblem;
import cn.beijing.iip.registry.core.problem.ProblemException;
import cn.beijing.iip.registry.core.web.JsonBodies;
import cn.beijing.iip.registry.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The entry API of one kind, at {@code /api/<kind>} (the prefix comes from the service's
 * {@code KindDefinition}). Bodies are read here, strictly; every rule lives in {@link Lifecycle}.
 */
@RestController
public class EntryController {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Lifecycle<? extends EntryFields> lifecycle;
    private final JsonBodies json;
    private final CallerResolver callers;
    private final ListQueries queries;

    public EntryController(Lifecycle<? extends EntryFields> lifecycle, JsonBodies json, CallerResolver callers,
            ListQueries queries) {
        this.lifecycle = lifecycle;
        this.json = json;
        this.callers = callers;
        this.queries = queries;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public EntryPage list(@RequestParam MultiValueMap<String, String> parameters) {
        return lifecycle.list(callers.current(), queries.parse(parameters));
    }

    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> create(HttpServletRequest request,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        requireJson(request, body);
        Lifecycle.Created created = create(lifecycle, body, checkedKey(idempotencyKey));
        Entry entry = created.entry();
        ResponseEntity.BodyBuilder response = created.created()
                ? ResponseEntity.created(location(entry))
                : ResponseEntity.ok().location(location(entry)).header("Idempotent-Replayed", "true");
        return response.eTag(entry.etag()).body(lifecycle.view(entry));
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> get(@PathVariable String id) {
        return withETag(lifecycle.get(callers.current(), id));
    }

    @PutMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> update(HttpServletRequest request, @PathVariable String id,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        requireJson(request, body);
        return withETag(update(lifecycle, id, body, IfMatch.parse(ifMatch)));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        lifecycle.delete(callers.current(), id, IfMatch.parse(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{id}/submit", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> submit(HttpServletRequest request, @PathVariable String id,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return act(id, Transition.SUBMIT, note(request, body), ifMatch);
    }

    @PostMapping(path = "/{id}/withdraw", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> withdraw(HttpServletRequest request, @PathVariable String id,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return act(id, Transition.WITHDRAW, note(request, body), ifMatch);
    }

    @PostMapping(path = "/{id}/review", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> review(HttpServletRequest request, @PathVariable String id,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        requireJson(request, body);
        Requests.Review review = json.read(body, Requests.Review.class);
        if (review.decision() == null) {
            throw ProblemException.fields(ProblemType.VALIDATION, "a review needs a decision: APPROVE, REJECT or"
                    + " REQUEST_CHANGES", List.of(new FieldProblem("decision", "must not be null")));
        }
        return act(id, review.decision().transition(), review.comment(), ifMatch);
    }

    @PostMapping(path = "/{id}/revoke", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> revoke(HttpServletRequest request, @PathVariable String id,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        requireJson(request, body);
        return act(id, Transition.REVOKE, json.read(body, Requests.Revoke.class).reason(), ifMatch);
    }

    @PostMapping(path = "/{id}/reopen", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> reopen(HttpServletRequest request, @PathVariable String id,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return act(id, Transition.REOPEN, note(request, body), ifMatch);
    }

    @GetMapping(path = "/{id}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<HistoryRow> history(@PathVariable String id) {
        return lifecycle.history(callers.current(), id);
    }

    private ResponseEntity<Map<String, Object>> act(String id, Transition transition, String comment, String ifMatch) {
        return withETag(lifecycle.act(callers.current(), id, transition, comment, IfMatch.parse(ifMatch)));
    }

    private <F extends EntryFields> Lifecycle.Created create(Lifecycle<F> entries, byte[] body, String key) {
        return entries.create(callers.current(), json.read(body, entries.fieldsType()), key);
    }

    private <F extends EntryFields> Entry update(Lifecycle<F> entries, String id, byte[] body, IfMatch ifMatch) {
        return entries.update(callers.current(), id, json.read(body, entries.fieldsType()), ifMatch);
    }

    private String note(HttpServletRequest request, byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        requireJson(request, body);
        return json.readOptional(body, Requests.Note.class, Requests.Note.NONE).comment();
    }

    private ResponseEntity<Map<String, Object>> withETag(Entry entry) {
        return ResponseEntity.ok().eTag(entry.etag()).body(lifecycle.view(entry));
    }

    /** The entry's address as the gateway publishes it: a path, so it is right behind any host name. */
    private URI location(Entry entry) {
        return URI.create("/api/" + entry.kind() + "/" + entry.id());
    }

    private static String checkedKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw ProblemException.of(ProblemType.INVALID_PARAMETER, IDEMPOTENCY_KEY
                    + " must be 1 to 255 printable ASCII characters, such as a UUID");
        }
        return key;
    }

    private static void requireJson(HttpServletRequest request, byte[] body) {
        String type = request.getContentType();
        if (type == null && (body == null || body.length == 0)) {
            return;
        }
        try {
            MediaType mediaType = MediaType.parseMediaType(type);
            if (mediaType.isCompatibleWith(MediaType.APPLICATION_JSON)
                    || "json".equals(mediaType.getSubtypeSuffix())) {
                return;
            }
        } catch (RuntimeException e) {
            // answered below
        }
        throw ProblemException.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
    }
}
