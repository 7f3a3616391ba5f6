package cn.beijing.iip.registry.system.monitoring;

import java.util.ArrayList;
import java.util.List;

/** A compact text table for the test's output: what was queried and what came back, one row each. */
final class Table {

    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    Table row(Object... cells) {
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = String.valueOf(cells[i]);
        }
        rows.add(row);
        return this;
    }

    /** Prints the table to the test's output, each column as wide as its widest cell. */
    void print() {
        int columns = rows.stream().mapToInt(row -> row.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder(System.lineSeparator());
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                out.append(i == 0 ? String.format("%-" + widths[i] + "s", row[i])
                        : String.format("  %" + widths[i] + "s", row[i]));
            }
            out.append(System.lineSeparator());
        }
        System.out.print(out);
    }
}
