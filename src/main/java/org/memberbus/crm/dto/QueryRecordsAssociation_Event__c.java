package org.memberbus.crm.dto;

import org.apache.camel.component.salesforce.api.dto.AbstractQueryRecordsBase;

/** A page of SOQL results of Association_Event__c records, for camel-salesforce's query operations. */
public class QueryRecordsAssociation_Event__c extends AbstractQueryRecordsBase<Association_Event__c> {
}
