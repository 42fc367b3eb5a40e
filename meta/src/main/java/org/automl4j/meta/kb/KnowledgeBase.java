package org.automl4j.meta.kb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The meta-learning knowledge base: known datasets with their meta-features and evaluated pipelines.
 * Immutable. The bundled default ({@link #bundled()}) was built from the 11 development datasets; a
 * user's own lives in a study storage ({@link KnowledgeBaseStore}) or a JSON file
 * ({@link KnowledgeBaseJson}).
 *
 * @param datasets the known datasets, names unique
 */
public record KnowledgeBase(List<DatasetEntry> datasets) {

    /** Classpath location of the bundled knowledge base. */
    public static final String BUNDLED_RESOURCE = "/org/automl4j/meta/kb/default-kb.json";

    public KnowledgeBase {
        datasets = List.copyOf(datasets);
        Set<String> names = new HashSet<>();
        for (DatasetEntry d : datasets) {
            if (!names.add(d.name())) {
                throw new IllegalArgumentException("dataset '" + d.name() + "' appears twice in the knowledge base;"
                        + " give every dataset a unique name");
            }
        }
    }

    /** An empty knowledge base. */
    public static KnowledgeBase empty() {
        return new KnowledgeBase(List.of());
    }

    /**
     * The knowledge base shipped with automl4j (meta-features and cross-validated scores of a shared set
     * of pipelines on the development datasets; derived numbers only), or empty if the resource is absent.
     */
    public static Optional<KnowledgeBase> bundled() {
        try (InputStream in = KnowledgeBase.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            return in == null ? Optional.empty() : Optional.of(KnowledgeBaseJson.read(in, BUNDLED_RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the bundled knowledge base " + BUNDLED_RESOURCE, e);
        }
    }

    /** The entry named {@code name}. */
    public Optional<DatasetEntry> find(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** This knowledge base without the datasets {@code drop} accepts. */
    public KnowledgeBase without(Predicate<DatasetEntry> drop) {
        return new KnowledgeBase(datasets.stream().filter(drop.negate()).toList());
    }

    /** This knowledge base with {@code entry} added, replacing a dataset of the same name. */
    public KnowledgeBase with(DatasetEntry entry) {
        List<DatasetEntry> out = new ArrayList<>(datasets.stream().filter(d -> !d.name().equals(entry.name())).toList());
        out.add(entry);
        return new KnowledgeBase(out);
    }

    /** Whether it knows no dataset. */
    public boolean isEmpty() {
        return datasets.isEmpty();
    }
}
