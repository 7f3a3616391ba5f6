package cn.beijing.iip.registry.plan;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The action plan the registry tracks: its deadline and targets, read from {@code seeds/plan.json}. */
public record Plan(String title, String titleZh, LocalDate deadline, List<Target> targets) {

    public Plan {
        Objects.requireNonNull(deadline, "the plan needs a deadline");
        targets = List.copyOf(targets);
        Set<String> ids = new HashSet<>();
        for (Target target : targets) {
            if (!ids.add(target.id())) {
                throw new IllegalArgumentException("target " + target.id() + " appears twice");
            }
        }
    }

    /** The targets an application reports ({@link Target#reportedBy()}). */
    public List<Target> reportedBy(String application) {
        return targets.stream().filter(target -> target.reportedBy().equals(application)).toList();
    }

    /** The targets that count entries of one kind. */
    public List<Target> counting(EntryKind kind) {
        return targets.stream().filter(target -> target.kind() == kind).toList();
    }
}
