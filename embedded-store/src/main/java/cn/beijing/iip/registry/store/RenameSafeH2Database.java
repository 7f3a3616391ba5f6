package cn.beijing.iip.registry.store;

import java.util.List;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Database;

/**
 * An H2 database whose renamed collections keep their documents and unique-index entries after a
 * restart. H2Database renames the collection's maps only after the collection already carries its
 * new name, so renameCollection and an aggregation's {@code $out} leave the data under the old map
 * names, and the reopened collection comes back empty.
 */
final class RenameSafeH2Database extends H2Database {

    // H2Database's map names, which it keeps to its own package
    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    private static final String INDEX_INFIX = "._index_";

    private final MVStore mvStore;

    RenameSafeH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        super(databaseName, mvStore, cursorRegistry);
        this.mvStore = mvStore;
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        String oldName = collection.getFullName();
        super.moveCollection(oldDatabase, collection, newCollectionName);
        String newName = collection.getFullName();
        rename(DATA_PREFIX + oldName, DATA_PREFIX + newName);
        rename(META_PREFIX + oldName, META_PREFIX + newName);
        for (String map : List.copyOf(mvStore.getMapNames())) {
            if (map.startsWith(oldName + INDEX_INFIX)) {
                rename(map, newName + map.substring(oldName.length()));
            }
        }
    }

    private void rename(String from, String to) {
        if (from.equals(to) || !mvStore.hasMap(from)) {
            return;
        }
        // the empty map H2Database opened under the new name while trying to rename
        if (mvStore.hasMap(to)) {
            mvStore.removeMap(to);
        }
        mvStore.renameMap(mvStore.openMap(from), to);
    }
}
