package org.memberbus.crm.dto;

import org.apache.camel.component.salesforce.api.dto.AbstractQueryRecordsBase;

/** A page of SOQL results of Exam_Attempt__c records, for camel-salesforce's query operations. */
public class QueryRecordsExam_Attempt__c extends AbstractQueryRecordsBase<Exam_Attempt__c> {
}
