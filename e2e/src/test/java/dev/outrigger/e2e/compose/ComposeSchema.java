package dev.outrigger.e2e.compose;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import tools.jackson.databind.JsonNode;

/**
 * The Compose Specification JSON Schema, read from the test classpath.
 */
final class ComposeSchema {

	private static final String LOCATION = "classpath:compose-spec/compose-spec.json";

	/** Draft 7 plus {@code deprecated} (a later draft's annotation the compose schema uses). */
	private static final Dialect DIALECT = Dialect.builder(Dialects.getDraft7())
		.keyword(new AnnotationKeyword("deprecated"))
		.build();

	private final Schema schema = SchemaRegistry.withDefaultDialect(DIALECT).getSchema(SchemaLocation.of(LOCATION));

	/**
	 * Returns one readable line per violation of the schema; empty when the document is valid.
	 */
	List<String> violations(JsonNode document) {
		return this.schema.validate(document).stream().map(Error::toString).toList();
	}

}
