package org.memberbus.crm.dto;

import org.apache.camel.component.salesforce.api.dto.AbstractQueryRecordsBase;

/** A page of SOQL results of Certification_Application__c records, for camel-salesforce's query operations. */
public class QueryRecordsCertification_Application__c extends AbstractQueryRecordsBase<Certification_Application__c> {
}
