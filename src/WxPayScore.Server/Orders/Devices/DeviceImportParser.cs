using System.Text;
using System.Text.Json;

namespace WxPayScore.Server.Orders.Devices;

/// <summary>
/// Reads a bulk import: CSV (<c>text/csv</c>; header <c>deviceId,subMerchant,location,plans,enabled</c>, plans separated
/// by <c>;</c>, RFC 4180 quotes) or JSON lines (<c>application/x-ndjson</c>/<c>application/jsonl</c>; one
/// <see cref="DeviceInput"/> with <c>deviceId</c> per line). Blank lines are skipped; line numbers are the file's.
/// </summary>
public static class DeviceImportParser
{
    public static readonly string[] CsvColumns = ["deviceId", "subMerchant", "location", "plans", "enabled"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static bool IsCsv(string? contentType) => contentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true;

    public static bool IsJsonLines(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/x-ndjson", StringComparison.OrdinalIgnoreCase) ||
            contentType.StartsWith("application/jsonl", StringComparison.OrdinalIgnoreCase) ||
            contentType.StartsWith("application/json-lines", StringComparison.OrdinalIgnoreCase));

    public static (List<(int Line, DeviceInput Input)> Lines, List<DeviceInputError> Errors) Parse(string text, bool csv)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<(int, DeviceInput)>();
        var errors = new List<DeviceInputError>();
        var rows = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var header = true;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            var number = i + 1;
            if (string.IsNullOrWhiteSpace(row))
            {
                continue;
            }

            if (csv)
            {
                var cells = SplitCsv(row, out var error);
                if (error is not null)
                {
                    errors.Add(new("line", error, number));
                    continue;
                }

                if (header)
                {
                    header = false;
                    if (!cells.Select(c => c.Trim()).SequenceEqual(CsvColumns.Take(cells.Count), StringComparer.OrdinalIgnoreCase) || cells.Count < 3)
                    {
                        errors.Add(new("header", $"The first line must be the header {string.Join(',', CsvColumns)} (plans and enabled may be left out).", number));
                        return (lines, errors);
                    }

                    continue;
                }

                bool? enabled = null;
                var enabledText = cells.Count > 4 ? cells[4].Trim() : string.Empty;
                if (enabledText.Length > 0)
                {
                    if (bool.TryParse(enabledText, out var flag))
                    {
                        enabled = flag;
                    }
                    else
                    {
                        errors.Add(new("enabled", $"enabled is true or false; got '{DeviceService.Clip(enabledText)}'.", number));
                        continue;
                    }
                }

                var plans = cells.Count > 3 ? cells[3].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
                lines.Add((number, new DeviceInput(Cell(cells, 1), Cell(cells, 2), plans, enabled, Cell(cells, 0)?.Trim())));
            }
            else
            {
                try
                {
                    var input = JsonSerializer.Deserialize<DeviceInput>(row, Json);
                    if (input is null)
                    {
                        errors.Add(new("line", "A line is one JSON object.", number));
                        continue;
                    }

                    lines.Add((number, input));
                }
                catch (JsonException ex)
                {
                    errors.Add(new("line", "Not a JSON object: " + ex.Message, number));
                }
            }
        }

        return (lines, errors);
    }

    private static string? Cell(List<string> cells, int index) => cells.Count > index ? cells[index] : null;

    private static List<string> SplitCsv(string row, out string? error)
    {
        error = null;
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < row.Length; i++)
        {
            var c = row[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < row.Length && row[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (quoted)
        {
            error = "A quoted cell is not closed (a cell cannot span lines).";
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
