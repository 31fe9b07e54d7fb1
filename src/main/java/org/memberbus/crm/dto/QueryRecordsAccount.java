package org.memberbus.crm.dto;

import org.apache.camel.component.salesforce.api.dto.AbstractQueryRecordsBase;

/** A page of SOQL results of Account records, for camel-salesforce's query operations. */
public class QueryRecordsAccount extends AbstractQueryRecordsBase<Account> {
}
