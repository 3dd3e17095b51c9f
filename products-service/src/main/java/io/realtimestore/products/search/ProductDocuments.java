package io.realtimestore.products.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.realtimestore.dto.ProductView;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * How a product is laid out in the index. The whole view is stored as JSON so a search answers from the index
 * alone, without a database round trip per hit.
 */
final class ProductDocuments {

    static final String ID = "id";
    static final String NAME = "name";
    static final String NAME_COMPOUND = "name_compound";
    static final String BRAND = "brand";
    static final String CATEGORY = "category";
    static final String TAGS = "tags";
    static final String DESCRIPTION = "description";
    /** Every text field together: used to tell whether a query word exists at all (else it is probably a typo). */
    static final String ALL = "all";
    static final String BRAND_KEY = "brand_key";
    static final String CATEGORY_KEY = "category_key";
    static final String PRICE = "price";
    static final String STOCK = "stock";
    static final String VECTOR = "vector";
    static final String VIEW = "view";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ProductDocuments() {
    }

    static Document toDocument(ProductView p, float[] vector) {
        Document doc = new Document();
        doc.add(new StringField(ID, Long.toString(p.id()), Store.NO));
        doc.add(new TextField(NAME, p.name(), Store.NO));
        doc.add(new TextField(NAME_COMPOUND, p.name(), Store.NO));
        doc.add(new TextField(BRAND, p.brand(), Store.NO));
        doc.add(new TextField(CATEGORY, p.category(), Store.NO));
        String tags = String.join(" ", p.tags());
        doc.add(new TextField(TAGS, tags, Store.NO));
        String description = p.description() == null ? "" : p.description();
        doc.add(new TextField(DESCRIPTION, description, Store.NO));
        doc.add(new TextField(ALL, String.join(" ", p.name(), p.brand(), p.category(), tags, description), Store.NO));
        doc.add(new StringField(BRAND_KEY, SearchFilters.key(p.brand()), Store.NO));
        doc.add(new StringField(CATEGORY_KEY, SearchFilters.key(p.category()), Store.NO));
        doc.add(new DoubleField(PRICE, p.price().doubleValue(), Store.NO));
        doc.add(new IntField(STOCK, p.stock(), Store.NO));
        if (vector != null) {
            doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        }
        doc.add(new StoredField(VIEW, new BytesRef(write(p))));
        return doc;
    }

    static ProductView viewOf(Document stored) {
        BytesRef bytes = stored.getBinaryValue(VIEW);
        try {
            return JSON.readValue(bytes.bytes, bytes.offset, bytes.length, ProductView.class);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt product document in the search index", e);
        }
    }

    private static byte[] write(ProductView p) {
        try {
            return JSON.writeValueAsBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
