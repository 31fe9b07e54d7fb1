package org.memberbus.crm.dto;

import org.apache.camel.component.salesforce.api.dto.AbstractQueryRecordsBase;

/** A page of SOQL results of Invoice__c records, for camel-salesforce's query operations. */
public class QueryRecordsInvoice__c extends AbstractQueryRecordsBase<Invoice__c> {
}
