package org.memberbus.reporting.reports;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import org.dhatim.fastexcel.Workbook;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.memberbus.reporting.reports.ReportTemplates.Column;
import org.memberbus.reporting.reports.ReportTemplates.Template;

/** A report's rows laid out as CSV (Commons CSV), an Excel workbook (Apache POI) or a PDF table (OpenPDF). */
final class ReportRenderer {

    record Rendered(byte[] bytes, String contentType, String extension) {}

    private ReportRenderer() {}

    static Rendered render(Template template, List<Map<String, Object>> rows, String format, Instant at) {
        return switch (format) {
            case "csv" -> new Rendered(csv(template, rows), "text/csv; charset=UTF-8", "csv");
            case "xlsx" -> new Rendered(xlsx(template, rows),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");
            case "pdf" -> new Rendered(pdf(template, rows, at), "application/pdf", "pdf");
            default -> throw new IllegalArgumentException("format " + format);
        };
    }

    private static byte[] csv(Template template, List<Map<String, Object>> rows) {
        var out = new ByteArrayOutputStream();
        var headers = template.columns().stream().map(Column::header).toArray(String[]::new);
        try (var printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader(headers).get())) {
            for (var row : rows) {
                for (var column : template.columns()) {
                    printer.print(text(row.get(column.name()), column));
                }
                printer.println();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * An Excel workbook (.xlsx) written by fastexcel, streaming: Apache POI would add some 12 MB to
     * the production image for the same few styles (the tests read the workbook back with POI).
     */
    private static byte[] xlsx(Template template, List<Map<String, Object>> rows) {
        var out = new ByteArrayOutputStream();
        try {
            var workbook = new Workbook(out, "memberbus", "1.0");
            var sheet = workbook.newWorksheet(sheetName(template.title()));
            for (int c = 0; c < template.columns().size(); c++) {
                String header = template.columns().get(c).header();
                sheet.value(0, c, header);
                sheet.style(0, c).bold().set();
                sheet.width(c, Math.max(10, header.length() + 4));
            }
            int r = 1;
            for (var row : rows) {
                for (int c = 0; c < template.columns().size(); c++) {
                    var column = template.columns().get(c);
                    var value = row.get(column.name());
                    if (value == null) {
                        continue;
                    }
                    if (value instanceof Number n && !column.format().equals("text")) {
                        sheet.value(r, c, n.doubleValue());
                        if (column.format().equals("money")) {
                            sheet.style(r, c).format("#,##0.00").set();
                        }
                    } else if (value instanceof Date d) {
                        sheet.value(r, c, d.toLocalDate());
                        sheet.style(r, c).format("yyyy-mm-dd").set();
                    } else {
                        sheet.value(r, c, text(value, column));
                    }
                }
                r++;
            }
            workbook.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Excel's rule for a sheet's name: at most 31 characters, none of {@code []:*?/\}, not empty. */
    static String sheetName(String title) {
        String name = title == null ? "" : title.replaceAll("[\\[\\]:*?/\\\\]", " ").strip();
        name = name.length() > 31 ? name.substring(0, 31) : name;
        return name.isEmpty() ? "Report" : name;
    }

    private static byte[] pdf(Template template, List<Map<String, Object>> rows, Instant at) {
        var out = new ByteArrayOutputStream();
        var document = new Document(template.columns().size() > 5 ? PageSize.A4.rotate() : PageSize.A4, 36, 36, 36, 36);
        PdfWriter.getInstance(document, out);
        document.open();
        document.addTitle(template.title());
        document.add(new Paragraph(template.title(), FontFactory.getFont(FontFactory.HELVETICA_BOLD, 14)));
        document.add(new Paragraph("As of " + at + ", " + rows.size() + " rows",
                FontFactory.getFont(FontFactory.HELVETICA, 8)));
        var table = new PdfPTable(template.columns().size());
        table.setWidthPercentage(100);
        table.setSpacingBefore(8);
        table.setHeaderRows(1);
        Font headerFont = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);
        Font cellFont = FontFactory.getFont(FontFactory.HELVETICA, 9);
        for (var column : template.columns()) {
            table.addCell(new PdfPCell(new Phrase(column.header(), headerFont)));
        }
        for (var row : rows) {
            for (var column : template.columns()) {
                var cell = new PdfPCell(new Phrase(text(row.get(column.name()), column), cellFont));
                if (!column.format().equals("text") && !column.format().equals("date")) {
                    cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
                }
                table.addCell(cell);
            }
        }
        document.add(table);
        document.close();
        return out.toByteArray();
    }

    /** A value as text in the column's format: money with two decimals, dates as ISO days. */
    static String text(Object value, Column column) {
        if (value == null) {
            return "";
        }
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof Number n) {
            return switch (column.format()) {
                case "money" -> new BigDecimal(n.toString()).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
                case "integer" -> String.valueOf(n.longValue());
                default -> n instanceof BigDecimal b ? b.stripTrailingZeros().toPlainString() : n.toString();
            };
        }
        return String.valueOf(value);
    }
}
