package dev.outrigger.demo.catalog.item;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ItemCatalogTests {

	private final ItemCatalog catalog = new ItemCatalog(new CatalogProperties("v2"));

	@Test
	void holdsItemsOneToFiveInIdOrder() {
		assertThat(this.catalog.findAll()).extracting(Item::id).containsExactly(1L, 2L, 3L, 4L, 5L);
	}

	@Test
	void labelsEveryItemWithTheConfiguredVersion() {
		assertThat(this.catalog.findAll()).extracting(Item::version).containsOnly("v2");
	}

	@Test
	void findsAnItemById() {
		assertThat(this.catalog.findById(1)).hasValueSatisfying((item) -> {
			assertThat(item.name()).isEqualTo("Outrigger paddle");
			assertThat(item.price()).isEqualTo(new BigDecimal("12.50"));
		});
	}

	@Test
	void findsNothingForAnUnknownId() {
		assertThat(this.catalog.findById(42)).isEmpty();
	}

}
