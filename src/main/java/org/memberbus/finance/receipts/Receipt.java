package org.memberbus.finance.receipts;

import java.math.BigDecimal;

/**
 * A receipt owed for one CRM payment (Payment__c) that the CRM holds as Succeeded: what the PDF
 * says and where the e-mail goes. {@code paymentKey} is the payment's Gateway_Payment_Id__c.
 */
public record Receipt(String paymentKey, String token, String crmPaymentId, String receiptNumber, BigDecimal amount,
                      String currency, String type, String method, String paidAt, String contactId, String email,
                      String firstName, String payerName, String campaign) {}
