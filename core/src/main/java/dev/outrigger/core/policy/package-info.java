/**
 * The mesh's policy vocabulary: the one definition of every outrigger.* key and route-metadata key, shared by the members and the config server's validator.
 */
package dev.outrigger.core.policy;
