package org.memberbus.inbound;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** An exam body's result webhook: one candidate's score on one sitting. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExamResultEvent(@NotBlank String id, @NotBlank String type, @NotNull Instant created,
                              @NotNull @Valid Result data) implements InboundEvent {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Result(@NotBlank String resultId, String appointmentId, String applicationId,
                         @NotBlank String crmContactId, @NotBlank String examCode,
                         @NotNull @Min(0) @Max(100) Integer score, @NotNull Integer passingScore,
                         @NotNull Boolean passed, @NotNull Instant takenAt) {}

    @Override
    public String memberKey() {
        return data.crmContactId();
    }
}
