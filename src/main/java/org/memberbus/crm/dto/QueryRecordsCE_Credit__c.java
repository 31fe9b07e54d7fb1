package org.memberbus.crm.dto;

import org.apache.camel.component.salesforce.api.dto.AbstractQueryRecordsBase;

/** A page of SOQL results of CE_Credit__c records, for camel-salesforce's query operations. */
public class QueryRecordsCE_Credit__c extends AbstractQueryRecordsBase<CE_Credit__c> {
}
