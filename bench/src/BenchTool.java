import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;

import cn.beijing.iip.registry.core.entry.Entry;
import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.entry.HistoryRow;
import cn.beijing.iip.registry.core.entry.Owner;
import cn.beijing.iip.registry.core.store.EntryDocuments;
import cn.beijing.iip.registry.identity.CreditCode;

/**
 * The benchmark's helpers, called by bench/run.sh:
 *
 * <pre>
 *   keys DIR                       an RSA 2048 key pair: DIR/jwks.json (public, served as the issuer's JWK set)
 *                                  and DIR/signing.key (private, PKCS#8)
 *   token DIR ISSUER USER ROLES    a signed RS256 access token shaped like Keycloak's for realm iip, living
 *         [CREDITCODE NAME]        two hours; ROLES comma-separated
 *   code N                         the N-th enterprise's credit code (valid GB 32100-2015 check character)
 *   entry-id I                     the id of the I-th loaded entry
 *   load URI KIND FROM TO          inserts entries FROM (inclusive) to TO (exclusive) of KIND, straight into the store
 *   trim URI KIND FROM TO          deletes those entries again
 *   forget-writes URI KIND         deletes what the create + submit runs made (names "Bench …")
 * </pre>
 *
 * Entries are laid out by registry-core's own {@link EntryDocuments}, so the services read them like
 * any other. Entry I is APPROVED unless I mod 10 is 7 (SUBMITTED), 8 (DRAFT) or 9 (CHANGES_REQUESTED);
 * entry 0 is APPROVED. Its owner is enterprise I mod 2000 + 1 (enterprise 0 is the one the tokens
 * name, which owns none of them).
 */
public final class BenchTool {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final String KEY_ID = "bench-signing-key";
    private static final int ENTERPRISES = 2000;
    private static final String[] INDUSTRIES = {"steel", "automotive", "aerospace", "hydrogen-energy", "pharma-health",
            "next-gen-it", "integrated-circuits", "intelligent-connected-vehicles"};
    private static final String[] REGIONS = {"beijing", "tianjin", "hebei"};
    private static final String[] TYPES = {"cross-industry", "industry-specific", "specialised"};
    private static final String[] WORDS = {"智能制造云", "Industrial Cloud", "工业互联网平台", "Smart Factory", "设备联网平台",
            "Supply Chain Hub"};

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw usage();
        }
        switch (args[0]) {
            case "keys" -> keys(Path.of(args[1]));
            case "token" -> System.out.println(token(Path.of(args[1]), args[2], args[3], args[4].split(","),
                    args.length > 5 ? args[5] : null, args.length > 6 ? args[6] : null));
            case "code" -> System.out.println(creditCode(Integer.parseInt(args[1])));
            case "entry-id" -> System.out.println(entryId(Integer.parseInt(args[1])));
            case "load" -> load(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "trim" -> trim(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "forget-writes" -> forgetWrites(args[1], args[2]);
            default -> throw usage();
        }
    }

    private static IllegalArgumentException usage() {
        return new IllegalArgumentException("usage: BenchTool keys|token|code|entry-id|load|trim|forget-writes … (see the class comment)");
    }

    static void keys(Path dir) throws Exception {
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        String jwk = "{\"keys\":[{\"kid\":\"" + KEY_ID + "\",\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\""
                + URL.encodeToString(unsigned(publicKey.getModulus())) + "\",\"e\":\""
                + URL.encodeToString(unsigned(publicKey.getPublicExponent())) + "\"}]}";
        Files.writeString(dir.resolve("jwks.json"), jwk);
        Files.write(dir.resolve("signing.key"), pair.getPrivate().getEncoded());
    }

    /** A token with the claims Keycloak puts into an iip-cli access token, so it has the size and shape of one. */
    static String token(Path dir, String issuer, String user, String[] roles, String creditCode, String enterpriseName)
            throws Exception {
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve("signing.key"))));
        Instant now = Instant.now();
        List<String> realmRoles = new ArrayList<>(List.of("default-roles-iip", "offline_access", "uma_authorization"));
        realmRoles.addAll(List.of(roles));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("exp", now.plus(Duration.ofHours(2)).getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iss", issuer);
        claims.put("aud", List.of("iip-api", "account"));
        claims.put("sub", UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8)).toString());
        claims.put("typ", "Bearer");
        claims.put("azp", "iip-cli");
        claims.put("sid", UUID.randomUUID().toString());
        claims.put("acr", "1");
        claims.put("realm_access", Map.of("roles", realmRoles));
        claims.put("resource_access", Map.of("account", Map.of("roles",
                List.of("manage-account", "manage-account-links", "view-profile"))));
        claims.put("scope", "profile email");
        claims.put("email_verified", true);
        claims.put("name", "Bench User");
        claims.put("preferred_username", user);
        claims.put("given_name", "Bench");
        claims.put("family_name", "User");
        claims.put("email", user + "@bench.example");
        if (creditCode != null) {
            claims.put("creditCode", creditCode);
            claims.put("enterpriseName", enterpriseName);
        }
        String header = URL.encodeToString(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        String payload = URL.encodeToString(json(claims).getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + URL.encodeToString(signer.sign());
    }

    static String creditCode(int enterprise) {
        String first17 = "91110000" + String.format("%09d", enterprise);
        return first17 + CreditCode.checkCharacter(first17);
    }

    static String entryId(int index) {
        return UUID.nameUUIDFromBytes(("bench-entry-" + index).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static void load(String uri, String kind, int from, int to) {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> entries = client.getDatabase(database(uri)).getCollection(kind);
            List<Document> batch = new ArrayList<>();
            for (int i = from; i < to; i++) {
                batch.add(EntryDocuments.toDocument(entry(kind, i)));
                if (batch.size() == 500) {
                    entries.insertMany(batch, new InsertManyOptions().ordered(false));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                entries.insertMany(batch, new InsertManyOptions().ordered(false));
            }
        }
    }

    static void trim(String uri, String kind, int from, int to) {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> entries = client.getDatabase(database(uri)).getCollection(kind);
            List<String> ids = new ArrayList<>();
            for (int i = from; i < to; i++) {
                ids.add(entryId(i));
                if (ids.size() == 500 || i == to - 1) {
                    entries.deleteMany(Filters.in(EntryDocuments.ID, ids));
                    ids.clear();
                }
            }
        }
    }

    /** Deletes what create-submit.lua made (names "Bench …"), so every write run starts from the same store. */
    static void forgetWrites(String uri, String kind) {
        try (MongoClient client = MongoClients.create(uri)) {
            client.getDatabase(database(uri)).getCollection(kind).deleteMany(Filters.regex("name", "^Bench "));
        }
    }

    private static Entry entry(String kind, int i) {
        EntryStatus status = switch (i % 10) {
            case 7 -> EntryStatus.SUBMITTED;
            case 8 -> EntryStatus.DRAFT;
            case 9 -> EntryStatus.CHANGES_REQUESTED;
            default -> EntryStatus.APPROVED;
        };
        int enterprise = i % ENTERPRISES + 1;
        Owner owner = new Owner(creditCode(enterprise), "基准测试企业 " + enterprise + " 有限公司");
        Instant created = Instant.parse("2022-01-01T00:00:00Z").plus(Duration.ofMinutes(7L * i));
        Instant submitted = created.plus(Duration.ofDays(3));
        Instant decided = submitted.plus(Duration.ofDays(10));
        List<HistoryRow> history = new ArrayList<>();
        history.add(new HistoryRow(null, EntryStatus.DRAFT, "bench-" + enterprise, created, null));
        Instant updated = created;
        if (status != EntryStatus.DRAFT) {
            history.add(new HistoryRow(EntryStatus.DRAFT, EntryStatus.SUBMITTED, "bench-" + enterprise, submitted, null));
            updated = submitted;
        }
        if (status == EntryStatus.APPROVED || status == EntryStatus.CHANGES_REQUESTED) {
            history.add(new HistoryRow(EntryStatus.SUBMITTED, status, "reviewer", decided,
                    status == EntryStatus.APPROVED ? "符合行动计划申报条件，予以通过" : "请补充连接设备数量的依据"));
            updated = decided;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", WORDS[i % WORDS.length] + " " + String.format("%05d", i));
        fields.put("platformType", TYPES[i % TYPES.length]);
        fields.put("industries", List.of(INDUSTRIES[i % INDUSTRIES.length], INDUSTRIES[(i / 8 + 3) % INDUSTRIES.length])
                .stream().distinct().toList());
        fields.put("region", REGIONS[i % REGIONS.length]);
        fields.put("description", "Platform " + i + " connects machine tools, furnaces and test benches of its"
                + " members, schedules maintenance and traces parts across the supply chain.");
        fields.put("connectedDevices", 10_000L + 37L * i);
        fields.put("industrialApps", 10L + i % 90);
        fields.put("enterprisesServed", 100L + i % 900);
        fields.put("declaredRevenueCny", 50_000_000L + 10_000L * i);
        return new Entry(entryId(i), kind, status, history.size(), owner, false, created, updated,
                status == EntryStatus.DRAFT ? null : submitted, fields, history, null);
    }

    private static String database(String uri) {
        String path = uri.substring(uri.indexOf("//") + 2);
        int slash = path.indexOf('/');
        String database = slash < 0 ? "" : path.substring(slash + 1).replaceAll("\\?.*", "");
        return database.isEmpty() ? "iip" : database;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    /** Just enough JSON for the claims above: strings, numbers, booleans, lists and maps. */
    private static String json(Object value) {
        if (value instanceof String text) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            return "[" + String.join(",", list.stream().map(BenchTool::json).toList()) + "]";
        }
        if (value instanceof Map<?, ?> map) {
            List<String> members = new ArrayList<>();
            map.forEach((name, member) -> members.add(json(name) + ":" + json(member)));
            return "{" + String.join(",", members) + "}";
        }
        throw new IllegalArgumentException("not JSON: " + value);
    }

    private BenchTool() {
    }

    static {
        // the driver logs each connection at INFO through JUL when no SLF4J binding is present
        java.util.logging.Logger.getLogger("org.mongodb.driver").setLevel(java.util.logging.Level.WARNING);
    }
}
