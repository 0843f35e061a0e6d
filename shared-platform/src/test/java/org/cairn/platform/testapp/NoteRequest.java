package org.cairn.platform.testapp;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record NoteRequest(
        @NotBlank @Size(max = 64) String clientId,
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9-]*") String reference,
        @NotBlank @Size(max = 200) String text) {}
