package org.memberbus.crm.dto;

import org.apache.camel.component.salesforce.api.dto.AbstractQueryRecordsBase;

/** A page of SOQL results of Membership__c records, for camel-salesforce's query operations. */
public class QueryRecordsMembership__c extends AbstractQueryRecordsBase<Membership__c> {
}
