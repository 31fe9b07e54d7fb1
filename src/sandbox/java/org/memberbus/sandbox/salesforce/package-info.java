/**
 * The Salesforce org simulator of the sandbox ({@link org.memberbus.sandbox.salesforce.SalesforceSimulator}),
 * one port for the login host and the instance ({@code http://127.0.0.1:<port>}):
 * <ul>
 *   <li>{@code POST /services/oauth2/token} (password, client_credentials, refresh_token, JWT bearer),
 *       {@code GET|POST /services/oauth2/revoke}, {@code GET /id/<org>/<user>};</li>
 *   <li>{@code /services/data/vNN.N/...}: sObjects, SOQL ({@code query}, {@code queryAll}, next pages),
 *       sObject Collections, Composite, describe, {@code limits}; every call counted against the
 *       daily allowance and answered with {@code Sforce-Limit-Info};</li>
 *   <li>{@code /cometd/NN.N}: Change Data Capture over the Streaming API (CometD long-polling, replay);</li>
 *   <li>{@code /__sandbox/...}: faults and knobs, the API call counter, the change event log, undelete.</li>
 * </ul>
 */
package org.memberbus.sandbox.salesforce;
