package org.memberbus.crm.dto;

import org.apache.camel.component.salesforce.api.dto.AbstractQueryRecordsBase;

/** A page of SOQL results of Event_Registration__c records, for camel-salesforce's query operations. */
public class QueryRecordsEvent_Registration__c extends AbstractQueryRecordsBase<Event_Registration__c> {
}
