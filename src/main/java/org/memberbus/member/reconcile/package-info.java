/**
 * The scheduled member reconciliation (routes/member-reconciliation.camel.yaml): every member's
 * CRM record and community account compared against the sync ledger, and their drift repaired
 * through the sync engine's merge rules, as the real-time path would have done had it seen it.
 * The beans compute and record; the route reads the systems and sends.
 */
package org.memberbus.member.reconcile;
