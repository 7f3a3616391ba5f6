package cn.beijing.iip.registry.core.entry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import cn.beijing.iip.registry.core.caller.Caller;
import cn.beijing.iip.registry.core.kind.Complete;
import cn.beijing.iip.registry.core.kind.Constraints;
import cn.beijing.iip.registry.core.kind.EntryFields;
import cn.beijing.iip.registry.core.kind.KindDefinition;
import cn.beijing.iip.registry.core.kind.UniqueRule;
import cn.beijing.iip.registry.core.problem.FieldProblem;
import cn.beijing.iip.registry.core.problem.ProblemException;
import cn.beijing.iip.registry.core.store.DuplicateKeyException;
import cn.beijing.iip.registry.core.store.EntryRepository;
import cn.beijing.iip.registry.core.store.StoreIndexes;
import cn.beijing.iip.registry.core.web.JsonBodies;
import cn.beijing.iip.registry.problem.ProblemType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;

/**
 * The life of an entry, the same for every kind: who may see it, who may change it and when, how a
 * change is made safely when others act at the same moment, and what the audit trail records.
 */
@Service
public class Lifecycle<F extends EntryFields> {

    /** The longest comment or reason a transition takes. */
    public static final int MAX_COMMENT = 2000;
    /** Comments and reasons are free text, held to the same rule as a description. */
    private static final Pattern PRINTABLE = Pattern.compile(Constraints.PRINTABLE);

    private final KindDefinition<F> kind;
    private final EntryRepository repository;
    private final StoreIndexes indexes;
    private final Validator validator;
    private final JsonBodies json;
    private final Clock clock;
    private final List<DecisionListener> listeners;

    public Lifecycle(KindDefinition<F> kind, EntryRepository repository, StoreIndexes indexes, Validator validator,
            JsonBodies json, Clock clock, List<DecisionListener> listeners) {
        this.kind = kind;
        this.repository = repository;
        this.indexes = indexes;
        this.validator = validator;
        this.json = json;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    /** The outcome of a create: the entry, and whether this call made it (false for a retry). */
    public record Created(Entry entry, boolean created) {
    }

    public Class<F> fieldsType() {
        return kind.fieldsType();
    }

    public String kindCode() {
        return kind.kind().code();
    }

    // ---- reads ----

    public Entry get(Caller caller, String id) {
        return visible(caller, id);
    }

    public List<HistoryRow> history(Caller caller, String id) {
        Entry entry = visible(caller, id);
        if (!caller.isAuthenticated()) {
            throw ProblemException.of(ProblemType.UNAUTHORIZED, "the history of an entry is for its owner and"
                    + " reviewers: sign in with a bearer token");
        }
        if (!caller.owns(entry) && !caller.isReviewer()) {
            throw ProblemException.of(ProblemType.FORBIDDEN, "the history of an entry is for its owner and reviewers");
        }
        return entry.history();
    }

    public EntryPage list(Caller caller, ListQuery query) {
        EntryRepository.Visibility visibility = caller.isReviewer() ? EntryRepository.Visibility.EVERYTHING
                : caller.isEnterprise() ? EntryRepository.Visibility.approvedAndOwnedBy(caller.creditCode())
                : EntryRepository.Visibility.APPROVED;
        String onlyOwner = query.mine() ? caller.requireEnterprise().creditCode() : query.owner();
        EntryRepository.Page page = repository.list(query, visibility, onlyOwner);
        return new EntryPage(page.items().stream().map(this::view).toList(), query.page(), query.size(), page.total());
    }

    // ---- changes ----

    public Created create(Caller caller, F fields, String idempotencyKey) {
        Owner owner = caller.requireEnterprise();
        validate(fields, ProblemType.VALIDATION, "the entry has invalid fields", Default.class);
        indexes.ensure();
        Map<String, Object> stored = json.toMap(fields);
        String fingerprint = idempotencyKey == null ? null : fingerprint(stored);
        String id = idempotencyKey == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((kindCode() + "\n" + owner.creditCode() + "\n" + idempotencyKey)
                        .getBytes(StandardCharsets.UTF_8)).toString();
        Instant now = now();
        Entry entry = new Entry(id, kindCode(), EntryStatus.DRAFT, 1, owner, false, now, now, null, stored,
                List.of(new HistoryRow(null, EntryStatus.DRAFT, caller.actorName(), now, null)), fingerprint);
        try {
            repository.insert(entry);
            return new Created(entry, true);
        } catch (DuplicateKeyException e) {
            if (idempotencyKey != null) {
                Optional<Entry> earlier = repository.find(id);
                if (earlier.isPresent()) {
                    if (!fingerprint.equals(earlier.get().fingerprint())) {
                        throw ProblemException.of(ProblemType.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was used"
                                + " before with a different body; use a new key for a different entry")
                                .with("id", id);
                    }
                    return new Created(earlier.get(), false);
                }
            }
            throw duplicate(e, owner, fields.name());
        }
    }

    public Entry update(Caller caller, String id, F fields, IfMatch ifMatch) {
        if (!ifMatch.present()) {
            throw ProblemException.of(ProblemType.PRECONDITION_REQUIRED, "send If-Match with the entry's ETag"
                    + " (its version, from the last read) so that a concurrent change is not overwritten");
        }
        Owner owner = caller.requireEnterprise();
        validate(fields, ProblemType.VALIDATION, "the entry has invalid fields", Default.class);
        Entry entry = owned(caller, id);
        checkPrecondition(entry, ifMatch);
        if (!entry.status().isEditable()) {
            throw ProblemException.of(ProblemType.ILLEGAL_TRANSITION, "an entry that is " + entry.status()
                    + " cannot be changed; changes are possible in DRAFT, CHANGES_REQUESTED or REJECTED"
                    + (entry.status() == EntryStatus.SUBMITTED ? " (withdraw it first)" : ""))
                    .with("currentStatus", entry.status().name());
        }
        indexes.ensure();
        try {
            return repository.replaceFields(id, entry.version(), entry.status(), json.toMap(fields), fields.name(), now())
                    .orElseThrow(() -> changedMeanwhile(id, ifMatch));
        } catch (DuplicateKeyException e) {
            throw duplicate(e, owner, fields.name());
        }
    }

    public void delete(Caller caller, String id, IfMatch ifMatch) {
        caller.requireEnterprise();
        Entry entry = owned(caller, id);
        checkPrecondition(entry, ifMatch);
        if (!entry.status().isDeletable()) {
            throw ProblemException.of(ProblemType.ILLEGAL_TRANSITION, "only drafts can be deleted; this entry is "
                    + entry.status()).with("currentStatus", entry.status().name());
        }
        if (!repository.delete(id, entry.version(), entry.status())) {
            throw changedMeanwhile(id, ifMatch);
        }
    }

    /** Any transition: submit, withdraw, a review decision, revoke, reopen. */
    public Entry act(Caller caller, String id, Transition transition, String comment, IfMatch ifMatch) {
        Entry entry = switch (transition.actor()) {
            case OWNER -> {
                caller.requireEnterprise();
                yield owned(caller, id);
            }
            case REVIEWER -> {
                requireRole(caller.isReviewer(), "reviewing needs role REVIEWER");
                Entry found = visible(caller, id);
                if (caller.isAffiliatedWith(found)) {
                    throw ProblemException.of(ProblemType.OWN_ENTERPRISE, "a reviewer never decides on an entry of"
                            + " their own enterprise; another reviewer must take it");
                }
                yield found;
            }
            case ADMIN -> {
                requireRole(caller.isAdmin(), transition.name().toLowerCase() + " needs role ADMIN");
                yield visible(caller, id);
            }
        };
        checkPrecondition(entry, ifMatch);
        if (!transition.allowedFrom(entry.status())) {
            throw ProblemException.of(ProblemType.ILLEGAL_TRANSITION, transition.refusal(entry.status()))
                    .with("currentStatus", entry.status().name());
        }
        String checkedComment = comment(comment, transition);
        if (transition == Transition.SUBMIT) {
            validate(json.fromMap(entry.fields(), fieldsType()), ProblemType.INCOMPLETE,
                    "the entry is not complete enough to submit", Default.class, Complete.class);
        }
        Instant now = now();
        HistoryRow row = new HistoryRow(entry.status(), transition.to(), caller.actorName(), now, checkedComment);
        Entry moved = repository.transition(id, entry.version(), row, transition == Transition.SUBMIT)
                .orElseThrow(() -> changedMeanwhile(id, IfMatch.ABSENT));
        if (transition.isDecision()) {
            Duration waited = entry.submittedAt() == null ? Duration.ZERO : Duration.between(entry.submittedAt(), now);
            listeners.forEach(listener -> listener.decided(Decision.of(transition), waited));
        }
        return moved;
    }

    // ---- what callers see ----

    /** The JSON of an entry: the envelope, then the kind's fields in their declared order. */
    public Map<String, Object> view(Entry entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", entry.id());
        view.put("kind", entry.kind());
        view.put("status", entry.status().name());
        view.put("version", entry.version());
        view.put("owner", Map.of("creditCode", entry.owner().creditCode(), "name", entry.owner().name()));
        view.put("demo", entry.demo());
        view.put("createdAt", entry.createdAt());
        view.put("updatedAt", entry.updatedAt());
        if (entry.submittedAt() != null) {
            view.put("submittedAt", entry.submittedAt());
        }
        view.putAll(json.toMap(json.fromMap(entry.fields(), fieldsType())));
        return view;
    }

    // ---- rules ----

    /** The entry if the caller may see it; 404 otherwise, so that nobody learns what exists. */
    private Entry visible(Caller caller, String id) {
        return repository.find(id)
                .filter(entry -> entry.status().isPublic() || caller.owns(entry) || caller.isReviewer())
                .orElseThrow(() -> notFound(id));
    }

    private Entry owned(Caller caller, String id) {
        Entry entry = visible(caller, id);
        if (!caller.owns(entry)) {
            throw ProblemException.of(ProblemType.FORBIDDEN, "only the enterprise that owns an entry may change it");
        }
        return entry;
    }

    private static void requireRole(boolean granted, String detail) {
        if (!granted) {
            throw ProblemException.of(ProblemType.FORBIDDEN, detail);
        }
    }

    private static void checkPrecondition(Entry entry, IfMatch ifMatch) {
        if (!ifMatch.matches(entry.version())) {
            throw ProblemException.of(ProblemType.PRECONDITION_FAILED, "the entry has changed since you read it:"
                    + " it is now at version " + entry.version() + "; read it again and reapply your change")
                    .with("currentVersion", entry.version());
        }
    }

    private ProblemException changedMeanwhile(String id, IfMatch ifMatch) {
        Optional<Entry> now = repository.find(id);
        if (now.isEmpty()) {
            return notFound(id);
        }
        if (ifMatch.present()) {
            return ProblemException.of(ProblemType.PRECONDITION_FAILED, "the entry changed while your request was"
                    + " handled; it is now at version " + now.get().version()).with("currentVersion", now.get().version());
        }
        return ProblemException.of(ProblemType.CONCURRENT_CHANGE, "someone else changed the entry at the same moment;"
                + " it is now " + now.get().status() + " at version " + now.get().version())
                .with("currentStatus", now.get().status().name());
    }

    private ProblemException duplicate(DuplicateKeyException e, Owner owner, String name) {
        for (UniqueRule rule : kind.uniqueRules()) {
            if (e.violates(rule.indexName())) {
                ProblemException problem = ProblemException.of(rule.problem(), rule.detail());
                repository.findByOwner(owner.creditCode()).ifPresent(existing -> problem.with("existingId", existing.id()));
                return problem;
            }
        }
        ProblemException problem = ProblemException.of(ProblemType.DUPLICATE_NAME, "your enterprise already has an"
                + " entry of this kind with this name (names are unique per enterprise, in every state)")
                .with("field", EntryFields.NAME);
        repository.findByName(owner.creditCode(), name).ifPresent(existing -> problem.with("existingId", existing.id()));
        return problem;
    }

    private static ProblemException notFound(String id) {
        return ProblemException.of(ProblemType.NOT_FOUND, "no entry with id " + printable(id));
    }

    private void validate(F fields, ProblemType type, String detail, Class<?>... groups) {
        Set<ConstraintViolation<F>> violations = validator.validate(fields, groups);
        if (!violations.isEmpty()) {
            List<FieldProblem> problems = violations.stream()
                    .map(violation -> new FieldProblem(path(violation.getPropertyPath()), violation.getMessage()))
                    .distinct()
                    .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                    .toList();
            throw ProblemException.fields(type, detail + ": " + problems.stream()
                    .map(problem -> problem.field() + " " + problem.message()).distinct()
                    .reduce((a, b) -> a + "; " + b).orElse(""), problems);
        }
    }

    private static String comment(String comment, Transition transition) {
        String trimmed = comment == null ? null : comment.strip();
        String field = transition == Transition.REVOKE ? "reason" : "comment";
        if (transition.commentRequired() && (trimmed == null || trimmed.isEmpty())) {
            throw ProblemException.fields(ProblemType.VALIDATION, "a " + field + " is required to "
                    + transition.name().toLowerCase().replace('_', ' '), List.of(new FieldProblem(field, "must not be blank")));
        }
        if (trimmed != null && trimmed.length() > MAX_COMMENT) {
            throw ProblemException.fields(ProblemType.VALIDATION, "a " + field + " has at most " + MAX_COMMENT + " characters",
                    List.of(new FieldProblem(field, "size must be between 0 and " + MAX_COMMENT)));
        }
        if (trimmed != null && !PRINTABLE.matcher(trimmed).matches()) {
            throw ProblemException.fields(ProblemType.VALIDATION, "a " + field + " must not contain control characters",
                    List.of(new FieldProblem(field, "must not contain control characters")));
        }
        return trimmed == null || trimmed.isEmpty() ? null : trimmed;
    }

    /** {@code industries[0]} rather than {@code industries[0].<list element>}. */
    static String path(Path path) {
        StringBuilder text = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable() && node.getIndex() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                text.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    text.append('[').append(node.getIndex()).append(']');
                }
            } else if (node.getName() != null) {
                if (!text.isEmpty()) {
                    text.append('.');
                }
                text.append(node.getName());
            }
        }
        return text.toString();
    }

    private String fingerprint(Map<String, Object> stored) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.canonical(stored)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String printable(String id) {
        String clean = id.replaceAll("[^A-Za-z0-9-]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
