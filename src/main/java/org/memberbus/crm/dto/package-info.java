/**
 * camel-salesforce DTOs of the association's Salesforce org, shaped as the component's Maven
 * plugin generates them (field names exactly as in Salesforce, custom ones ending {@code __c}).
 * Point the component's {@code packages} option here; a {@code List} of these is the body of
 * the sObject Collections operations.
 */
package org.memberbus.crm.dto;
