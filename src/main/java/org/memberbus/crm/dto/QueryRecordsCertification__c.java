package org.memberbus.crm.dto;

import org.apache.camel.component.salesforce.api.dto.AbstractQueryRecordsBase;

/** A page of SOQL results of Certification__c records, for camel-salesforce's query operations. */
public class QueryRecordsCertification__c extends AbstractQueryRecordsBase<Certification__c> {
}
