package io.realtimestore.deploy;

import static io.realtimestore.deploy.Deployment.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/db-init/ against products-service's compiled entity classes, read by reflection: every @Entity of the
 * package is found, so a new entity without its DDL fails here. (products-service's own SchemaMatchesDdlTest compares
 * the same scripts with the DDL Hibernate generates; this check is independent of Hibernate's generator.)
 */
class DbInitMatchesEntitiesTest {

    private static final String ENTITY_PACKAGE = "io.realtimestore.products";

    @Test
    void theScriptsCreateWhatTheEntitiesMap() throws Exception {
        List<Class<?>> entities = entityClasses();
        assertThat(entities).extracting(Class::getSimpleName).contains("Product", "ProductEmbedding", "CatalogChange");
        List<EntityMappings.MappedTable> mapped = entities.stream().map(EntityMappings::of).toList();
        DdlSchema ddl = DdlSchema.read(REPO.dbInit());
        assertThat(ddl.tables()).isNotEmpty();
        assertThat(SchemaCheck.compare(mapped, ddl)).isEmpty();
    }

    /** The @Entity classes directly in the entity package of products-service's classes (a folder or a jar). */
    static List<Class<?>> entityClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        String folder = ENTITY_PACKAGE.replace('.', '/');
        List<String> classNames = new ArrayList<>();
        for (URL url : Collections.list(DbInitMatchesEntitiesTest.class.getClassLoader().getResources(folder))) {
            if (url.getProtocol().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(url.toURI(), java.util.Map.of())) {
                    classNames.addAll(classesIn(jar.getPath(folder)));
                }
            } else {
                classNames.addAll(classesIn(Path.of(url.toURI())));
            }
        }
        List<Class<?>> entities = new ArrayList<>();
        for (String name : classNames) {
            Class<?> type = Class.forName(ENTITY_PACKAGE + "." + name, false, DbInitMatchesEntitiesTest.class.getClassLoader());
            if (EntityMappings.isEntity(type)) {
                entities.add(type);
            }
        }
        return entities;
    }

    private static List<String> classesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length())).toList();
        }
    }
}
