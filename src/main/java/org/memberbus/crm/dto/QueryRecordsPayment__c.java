package org.memberbus.crm.dto;

import org.apache.camel.component.salesforce.api.dto.AbstractQueryRecordsBase;

/** A page of SOQL results of Payment__c records, for camel-salesforce's query operations. */
public class QueryRecordsPayment__c extends AbstractQueryRecordsBase<Payment__c> {
}
