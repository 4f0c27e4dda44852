/**
 * Reads one instance's catalog into {@link io.mirrorguard.rules.model.InstanceFacts} with one constant SQL batch
 * (catalog-batch.sql) per audit: {@link io.mirrorguard.agent.collector.InstanceCollector} per instance (connection
 * kept between audits, reconnect after any failure, cancel for shutdown), {@link
 * io.mirrorguard.agent.collector.FleetCollector} for the whole configuration. Every section of the batch is
 * announced by a marker result set; sections the login may not see are NOT_VISIBLE, never empty.
 */
package io.mirrorguard.agent.collector;
