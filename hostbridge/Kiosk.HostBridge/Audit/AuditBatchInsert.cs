using System.Data.Common;
using System.Text;
using Dapper;

namespace Kiosk.HostBridge.Audit;

/// <summary>Writes chained records with multi-row INSERTs, so sealing a batch costs a few round trips rather than one per record.</summary>
internal static class AuditBatchInsert
{
    // 13 parameters a row; 50 rows stay far below both engines' parameter limits.
    private const int RowsPerStatement = 50;

    /// <summary>Inserts the records, in order, inside the sealing transaction.</summary>
    public static async Task InsertAsync(DbConnection c, DbTransaction tx, IReadOnlyList<AuditRecord> records)
    {
        for (var start = 0; start < records.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, records.Count - start);
            var sql = new StringBuilder(
                "INSERT INTO audit (seq, at, step, outcome, device_id, store_id, session_id, order_id, serial_hash, receipt_code, product, prev_hash, hash) VALUES ");
            var parameters = new DynamicParameters();
            for (var i = 0; i < count; i++)
            {
                var r = records[start + i];
                var e = r.Entry;
                if (i > 0) sql.Append(", ");
                sql.Append("(@s").Append(i).Append(", @a").Append(i).Append(", @st").Append(i).Append(", @o").Append(i)
                    .Append(", @d").Append(i).Append(", @sr").Append(i).Append(", @se").Append(i).Append(", @or").Append(i)
                    .Append(", @sh").Append(i).Append(", @rc").Append(i).Append(", @p").Append(i).Append(", @ph").Append(i)
                    .Append(", @h").Append(i).Append(')');
                parameters.Add("s" + i, r.Seq);
                parameters.Add("a" + i, r.At.ToUnixTimeMilliseconds());
                parameters.Add("st" + i, e.Step);
                parameters.Add("o" + i, e.Outcome);
                parameters.Add("d" + i, e.DeviceId);
                parameters.Add("sr" + i, e.StoreId);
                parameters.Add("se" + i, e.SessionId);
                parameters.Add("or" + i, e.OrderId);
                parameters.Add("sh" + i, e.SerialHash);
                parameters.Add("rc" + i, e.ReceiptCode);
                parameters.Add("p" + i, e.Product);
                parameters.Add("ph" + i, r.PrevHash);
                parameters.Add("h" + i, r.Hash);
            }
            await c.ExecuteAsync(sql.ToString(), parameters, tx);
        }
    }
}
