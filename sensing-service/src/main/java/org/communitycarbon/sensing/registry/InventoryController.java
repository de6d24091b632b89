package org.communitycarbon.sensing.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

/**
 * A community's inventory as one CSV file (format in docs/devices.md): export it, edit it in a spreadsheet,
 * import it. An import is applied all or nothing; a bad file answers 400 with every bad line (line, column,
 * reason; the first {@code sensing.registry.import-max-errors} listed, all counted); a file over
 * {@code import-max-bytes} or {@code import-max-lines} answers 413.
 */
@RestController
@RequestMapping("/api/sensing/communities/{communityId}/inventory")
class InventoryController {

    static final String TEXT_CSV = "text/csv";

    private final InventoryImport inventory;
    private final RegistrySettings settings;

    InventoryController(InventoryImport inventory, RegistrySettings settings) {
        this.inventory = inventory;
        this.settings = settings;
    }

    @Operation(summary = "The community's buildings, households, areas, subsystems, drop points and devices as CSV")
    @AuditedRead
    @GetMapping(produces = TEXT_CSV)
    ResponseEntity<String> export(Caller caller, @PathVariable String communityId) {
        RegistryAccess.requireRead(caller, communityId);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + communityId + "-inventory.csv\"")
                .body(inventory.export(communityId));
    }

    @Operation(summary = "Creates and updates places and devices from a CSV inventory, all or nothing; importing it again changes nothing")
    @RequestBody(required = true, description = "The inventory, UTF-8 CSV as the export writes it",
            content = @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string")))
    @PostMapping(consumes = TEXT_CSV)
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    InventoryImport.Report importInventory(Caller caller, @PathVariable String communityId,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.CONTENT_LENGTH, required = false) Long length,
            InputStream body) throws IOException {
        RegistryAccess.requireWrite(caller, communityId);
        long max = settings.importMaxBytes().toBytes();
        if (length != null && length > max) {
            throw tooLarge("The inventory is " + length + " bytes, more than the " + max + " accepted; split it into several files");
        }
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (bytes.length > max) {
            throw tooLarge("The inventory is more than the " + max + " bytes accepted; split it into several files");
        }
        String csv = utf8(bytes);
        InventoryCsv.Outcome outcome;
        try {
            outcome = inventory.apply(communityId, csv);
        }
        catch (InventoryCsv.TooManyLines e) {
            throw tooLarge(e.getMessage());
        }
        if (outcome instanceof InventoryCsv.Rejected rejected) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, rejected.errorCount()
                    + (rejected.errorCount() == 1 ? " line" : " lines") + " of the inventory are not valid; nothing was applied");
            problem.setTitle("Inventory not valid");
            problem.setProperty("errorCount", rejected.errorCount());
            problem.setProperty("errors", rejected.errors());
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        return InventoryImport.Report.of((InventoryCsv.Plan) outcome);
    }

    private static String utf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        }
        catch (CharacterCodingException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The inventory is not UTF-8 text; save the CSV as UTF-8");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, e);
        }
    }

    private static ErrorResponseException tooLarge(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, detail);
        problem.setType(URI.create("about:blank"));
        return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
    }
}
