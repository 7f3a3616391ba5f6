package cn.beijing.iip.registry.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.beijing.iip.registry.core.entry.Entry;
import cn.beijing.iip.registry.core.entry.EntryStatus;
import cn.beijing.iip.registry.core.entry.HistoryRow;
import cn.beijing.iip.registry.core.entry.Owner;
import cn.beijing.iip.registry.core.testing.Codes;

class EntryDocumentsTest {

    @ParameterizedTest(name = "\"{0}\" is \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "Acme Cloud|acme cloud",
            "ACME CLOUD|acme cloud",
            "aCmE cLoUd|acme cloud",
            "ＡＣＭＥ　Ｃｌｏｕｄ|acme cloud",
            "'  Acme   Cloud  '|acme cloud",
            "Acme\u00A0Cloud|acme cloud",
            "Acme\u3000\u3000Cloud|acme cloud",
            "北汽福田车联网平台|北汽福田车联网平台",
            "福田　车联网|福田 车联网",
            "Ｆｏｔｏｎ 云|foton 云"})
    void foldsNamesThatAPersonWouldCallTheSame(String name, String key) {
        assertThat(EntryDocuments.nameKey(name)).isEqualTo(key);
    }

    @Test
    void keepsNamesThatDifferInLettersApart() {
        assertThat(EntryDocuments.nameKey("Acme Cloud")).isNotEqualTo(EntryDocuments.nameKey("Acme Clouds"));
        assertThat(EntryDocuments.nameKey("AcmeCloud")).isNotEqualTo(EntryDocuments.nameKey("Acme Cloud"));
    }

    @Test
    void readsBackWhatItStores() {
        Instant created = Instant.parse("2023-03-01T08:00:00Z");
        Instant submitted = Instant.parse("2023-03-02T08:00:00Z");
        Entry entry = new Entry("e-1", "platforms", EntryStatus.SUBMITTED, 2, new Owner(Codes.ENTERPRISE_A, "Alpha"),
                false, created, submitted, submitted, Map.of("name", "Steel Cloud", "industries", List.of("steel"),
                        "devices", 1200L),
                List.of(new HistoryRow(null, EntryStatus.DRAFT, "alice", created, null),
                        new HistoryRow(EntryStatus.DRAFT, EntryStatus.SUBMITTED, "alice", submitted, "please review")),
                "abc123");

        Document document = EntryDocuments.toDocument(entry);

        assertThat(document.getString(EntryDocuments.NAME_KEY)).isEqualTo("steel cloud");
        assertThat(document.get(EntryDocuments.OWNER, Document.class).getString("creditCode")).isEqualTo(Codes.ENTERPRISE_A);
        assertThat(EntryDocuments.fromDocument(document)).isEqualTo(entry);
    }
}
