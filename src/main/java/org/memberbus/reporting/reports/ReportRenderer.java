package org.memberbus.reporting.reports;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
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
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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

    private static byte[] xlsx(Template template, List<Map<String, Object>> rows) {
        try (var workbook = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(template.title()));
            var bold = workbook.createFont();
            bold.setBold(true);
            var headerStyle = workbook.createCellStyle();
            headerStyle.setFont(bold);
            var helper = workbook.getCreationHelper();
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(helper.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle moneyStyle = workbook.createCellStyle();
            moneyStyle.setDataFormat(helper.createDataFormat().getFormat("#,##0.00"));
            Row header = sheet.createRow(0);
            for (int c = 0; c < template.columns().size(); c++) {
                var cell = header.createCell(c);
                cell.setCellValue(template.columns().get(c).header());
                cell.setCellStyle(headerStyle);
            }
            int r = 1;
            for (var row : rows) {
                Row line = sheet.createRow(r++);
                for (int c = 0; c < template.columns().size(); c++) {
                    var column = template.columns().get(c);
                    var value = row.get(column.name());
                    var cell = line.createCell(c);
                    if (value == null) {
                        continue;
                    }
                    if (value instanceof Number n && !column.format().equals("text")) {
                        cell.setCellValue(n.doubleValue());
                        if (column.format().equals("money")) {
                            cell.setCellStyle(moneyStyle);
                        }
                    } else if (value instanceof Date d) {
                        cell.setCellValue(d.toLocalDate());
                        cell.setCellStyle(dateStyle);
                    } else {
                        cell.setCellValue(text(value, column));
                    }
                }
            }
            for (int c = 0; c < template.columns().size(); c++) {
                sheet.setColumnWidth(c, Math.max(10, template.columns().get(c).header().length() + 4) * 256);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
