package org.memberbus.sandbox.salesforce;

/** The Salesforce field types the simulated org uses, with their describe names. */
enum FieldType {
    ID("id", "tns:ID"),
    STRING("string", "xsd:string"),
    TEXTAREA("textarea", "xsd:string"),
    EMAIL("email", "xsd:string"),
    PHONE("phone", "xsd:string"),
    URL("url", "xsd:string"),
    PICKLIST("picklist", "xsd:string"),
    REFERENCE("reference", "tns:ID"),
    BOOLEAN("boolean", "xsd:boolean"),
    DATE("date", "xsd:date"),
    DATETIME("datetime", "xsd:dateTime"),
    DOUBLE("double", "xsd:double"),
    CURRENCY("currency", "xsd:double"),
    PERCENT("percent", "xsd:double");

    private final String describeName;
    private final String soapType;

    FieldType(String describeName, String soapType) {
        this.describeName = describeName;
        this.soapType = soapType;
    }

    String describeName() {
        return describeName;
    }

    String soapType() {
        return soapType;
    }

    boolean isText() {
        return switch (this) {
            case ID, STRING, TEXTAREA, EMAIL, PHONE, URL, PICKLIST, REFERENCE -> true;
            default -> false;
        };
    }

    boolean isNumber() {
        return this == DOUBLE || this == CURRENCY || this == PERCENT;
    }

    boolean isId() {
        return this == ID || this == REFERENCE;
    }
}
