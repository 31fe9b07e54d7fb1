package org.memberbus.member;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A person as the CRM (Salesforce Contact) holds them; the CRM id is their identity everywhere. */
public record Contact(
        @Pattern(regexp = "003[A-Za-z0-9]{12}([A-Za-z0-9]{3})?", message = "is not a Salesforce Contact id") String crmId,
        @NotBlank @Size(max = 40) String firstName,
        @NotBlank @Size(max = 80) String lastName,
        @NotBlank @Email String email,
        @Size(max = 40) String phone,
        @Size(max = 120) String employer,
        @Valid Address address) {

    public record Address(String street, String city, String postalCode, @Size(min = 2, max = 2) String country) {}
}
