package cn.beijing.iip.registry.system.attacks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;

import com.mongodb.client.model.Filters;

import cn.beijing.iip.registry.core.testing.Http;
import cn.beijing.iip.registry.plan.EntryKind;
import cn.beijing.iip.registry.system.attacks.Cast.Member;
import cn.beijing.iip.registry.system.attacks.ResponseChecks.Secret;
import cn.beijing.iip.registry.system.support.RegistrySystem;
import cn.beijing.iip.registry.system.support.SystemTest;

/**
 * The entries the attacks aim at, planted through the API before they start: the victim's entries in
 * every state, each named with a marker no other entry has, so that any answer carrying one to someone
 * else is a leak; the attacker's own; a reviewing enterprise's own submission; and, on demand, fresh
 * entries of a bystander for the flows that may change them.
 */
public final class Plant {

    /** The states the victim has an entry in; all but APPROVED are theirs and the reviewers' alone. */
    public static final List<String> STATES = List.of("draft", "submitted", "changes", "rejected", "approved", "revoked");
    /** A solution provider is one profile per enterprise: its entries in other states belong to further victims. */
    private static final String ONE_PER_ENTERPRISE = "solution-providers";

    private final RegistrySystem system;
    private final Http http;
    private final Cast cast;
    private final String run;
    private final String listener;
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final List<Secret> secrets = new ArrayList<>();
    private final List<String> victimIds = new ArrayList<>();
    private final AtomicInteger fresh = new AtomicInteger();

    /** {@code listener}: an address no one may fetch, given as the website of published entries. */
    public Plant(RegistrySystem system, Cast cast, String run, String listener) {
        this.system = system;
        this.http = system.gateway();
        this.cast = cast;
        this.run = run;
        this.listener = listener;
    }

    public void plant() {
        for (String role : List.of(Cast.VICTIM, Cast.ATTACKER, Cast.OWNER, Cast.REVIEWER_ENTERPRISE, Cast.UNVERIFIED)) {
            Member member = cast.member(role);
            if (!role.equals(Cast.OWNER) && !role.equals(Cast.ATTACKER)) {
                enterpriseSecrets(member);
            }
        }
        for (String kind : List.of("platforms", "security-products", ONE_PER_ENTERPRISE)) {
            for (String state : STATES) {
                String role = Cast.VICTIM;
                if (kind.equals(ONE_PER_ENTERPRISE) && !state.equals("draft")) {
                    role = "victim-" + state;
                    enterpriseSecrets(cast.enterprise(role, "V1CT1M " + state + " Enterprise " + run));
                }
                String name = state.equals("approved") ? "PUBL1C-" + run + "-" + kind : marker(state, kind);
                Map<String, Object> body = SystemTest.completeBody(kind, name);
                body.put("description", state.equals("approved") ? "Published description" : marker(state, kind) + "-description");
                String id = entry(role, kind, state, body, null);
                put("victim." + state, kind, id, name);
                victimIds.add(kind + "/" + id);
                if (!state.equals("approved")) {
                    String owner = cast.member(role).creditCode();
                    secrets.add(new Secret(id, owner, "the id of the victim's " + state + " " + kind + " entry"));
                    secrets.add(new Secret(name, owner, "the name of the victim's " + state + " " + kind + " entry"));
                    secrets.add(new Secret(marker(state, kind) + "-description", owner, "the description of the victim's "
                            + state + " entry"));
                    secrets.add(new Secret(marker(state, kind) + "-comment", owner, "a reviewer's comment to the victim"));
                }
            }
            if (!kind.equals(ONE_PER_ENTERPRISE)) {
                // the name is not a marker: an attacker may send the same body (see bola-idempotency-key-same-body)
                String keyedName = "Keyed Draft " + run + " " + kind;
                String keyed = entry(Cast.VICTIM, kind, "draft", SystemTest.completeBody(kind, keyedName), idempotencyKey());
                put("victim.keyed", kind, keyed, keyedName);
                victimIds.add(kind + "/" + keyed);
                secrets.add(new Secret(keyed, cast.member(Cast.VICTIM).creditCode(), "the id of the victim's keyed draft"));
                put("attacker.approved", kind, entry(Cast.ATTACKER, kind, "approved",
                        SystemTest.completeBody(kind, "Attacker Published " + run), null), null);
                Map<String, Object> linked = SystemTest.completeBody(kind, "Bystander Linked " + run);
                linked.put("website", listener + "/website-of-a-published-" + kind);
                put("owner.linked", kind, entry(Cast.OWNER, kind, "approved", linked, null), null);
            }
            put("attacker.draft", kind, entry(Cast.ATTACKER, kind, "draft",
                    SystemTest.completeBody(kind, "Attacker Draft " + run), null), null);
            put("rev.submitted", kind, entry(Cast.REVIEWER_ENTERPRISE, kind, "submitted",
                    SystemTest.completeBody(kind, "Reviewers Own " + run), null), null);
        }
    }

    /** The Idempotency-Key the victim used for its keyed drafts: predictable, as careless clients make them. */
    public String idempotencyKey() {
        return "order-1-" + run;
    }

    private void enterpriseSecrets(Member member) {
        String owner = member.creditCode();
        secrets.add(new Secret(owner, owner, "the credit code of " + member.enterpriseName()));
        secrets.add(new Secret(member.enterpriseName(), owner, "the name of enterprise " + owner));
        secrets.add(new Secret(member.username(), owner, "the user name of one of " + member.enterpriseName() + "'s users"));
    }

    private String marker(String state, String kind) {
        return "V1CT1M-" + run + "-" + state + "-" + kind;
    }

    /** An entry of {@code role} brought to {@code state} through the API, as its owner and the reviewers would. */
    private String entry(String role, String kind, String state, Map<String, Object> body, String key) {
        String token = cast.token(role);
        Http.Call create = http.post("/api/" + kind).token(token).json(body);
        if (key != null) {
            create.header("Idempotency-Key", key);
        }
        Http.Response created = create.send();
        if (created.status() != 201) {
            throw new IllegalStateException("planting a " + kind + " entry of " + role + " answered " + created);
        }
        String id = created.json().get("id").asString();
        String comment = marker(state, kind) + "-comment";
        switch (state) {
            case "draft" -> { }
            case "submitted" -> step(kind, id, token, "submit", null);
            case "changes" -> {
                step(kind, id, token, "submit", null);
                step(kind, id, cast.token(Cast.REVIEWER), "review", Map.of("decision", "REQUEST_CHANGES", "comment", comment));
            }
            case "rejected" -> {
                step(kind, id, token, "submit", null);
                step(kind, id, cast.token(Cast.REVIEWER), "review", Map.of("decision", "REJECT", "comment", comment));
            }
            case "approved" -> {
                step(kind, id, token, "submit", null);
                step(kind, id, cast.token(Cast.REVIEWER), "review", Map.of("decision", "APPROVE"));
            }
            case "revoked" -> {
                step(kind, id, token, "submit", null);
                step(kind, id, cast.token(Cast.REVIEWER), "review", Map.of("decision", "APPROVE", "comment", comment));
                step(kind, id, cast.token(Cast.ADMIN), "revoke", Map.of("reason", comment));
            }
            default -> throw new IllegalArgumentException(state);
        }
        return id;
    }

    private void step(String kind, String id, String token, String action, Object body) {
        Http.Call call = http.post("/api/" + kind + "/" + id + "/" + action).token(token);
        Http.Response response = (body == null ? call : call.json(body)).send();
        if (response.status() != 200) {
            throw new IllegalStateException(action + " of a planted " + kind + " entry answered " + response);
        }
    }

    private void put(String key, String kind, String id, String name) {
        ids.put(key + "|" + kind, id);
        if (name != null) {
            names.put(key + "|" + kind, name);
        }
    }

    /** The id of a planted entry, such as {@code victim.draft} of {@code platforms}. */
    public String id(String key, String kind) {
        String id = ids.get(key + "|" + kind);
        if (id == null) {
            throw new IllegalArgumentException("nothing planted as " + key + " of " + kind);
        }
        return id;
    }

    public String name(String key, String kind) {
        String name = names.get(key + "|" + kind);
        if (name == null) {
            throw new IllegalArgumentException("no name planted as " + key + " of " + kind);
        }
        return name;
    }

    /** A new entry of the bystander in {@code state}, for a flow that changes it. */
    public String fresh(String kind, String state) {
        if (kind.equals(ONE_PER_ENTERPRISE)) {
            throw new IllegalArgumentException("fresh entries are platforms or security products: the bystander has one"
                    + " solution-provider profile at most");
        }
        return entry(Cast.OWNER, kind, state, SystemTest.completeBody(kind, "Bystander " + state + " " + run + "-"
                + fresh.incrementAndGet()), null);
    }

    public List<Secret> secrets() {
        return List.copyOf(secrets);
    }

    /** The victim's planted entries as the store holds them, to show that no attack changed one. */
    public Map<String, Document> victimDocuments() {
        Map<String, Document> documents = new LinkedHashMap<>();
        for (String kindAndId : victimIds) {
            String[] parts = kindAndId.split("/");
            EntryKind kind = EntryKind.fromCode(parts[0]).orElseThrow();
            documents.put(kindAndId, system.entries(kind).find(Filters.eq("_id", parts[1])).first());
        }
        return documents;
    }
}
