package dev.outrigger.demo.catalog.item;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the catalog service, under {@code catalog.*}.
 *
 * @param version the release label shown in every item, so canary traffic can be told
 * apart (env {@code CATALOG_VERSION})
 */
@ConfigurationProperties("catalog")
record CatalogProperties(@DefaultValue("v1") String version) {

}
