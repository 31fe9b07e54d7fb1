package org.memberbus.crm.dto;

import org.apache.camel.component.salesforce.api.dto.AbstractQueryRecordsBase;

/** A page of SOQL results of Contact records, for camel-salesforce's query operations. */
public class QueryRecordsContact extends AbstractQueryRecordsBase<Contact> {
}
