package org.memberbus.sandbox.salesforce;

/** The REST API's path prefixes. */
final class ApiPaths {

    /** {@code /services/data/v56.0} and any other version. */
    static final String VERSION = "/services/data/{version:v\\d+\\.\\d+}";

    private ApiPaths() {}
}
