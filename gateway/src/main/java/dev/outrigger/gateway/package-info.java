/** The Outrigger edge gateway application; its routes and policy come from the config repo. */
package dev.outrigger.gateway;
