using System.Collections;
using Kiosk.Firmware.Core.Bridge.Json;
using Kiosk.Firmware.Core.Ui.Messages;

namespace Kiosk.Firmware.Core.Session
{
    /// <summary>A certificate the bridge offers this resident: code, availability, fee, copies and options.</summary>
    public sealed class Product
    {
        /// <summary>Product code (juminhyo, inkan, ...).</summary>
        public string Code = "";
        /// <summary>Catalogue name, or -1 for a code this firmware does not know.</summary>
        public int NameId = -1;
        /// <summary>False when it cannot be issued now.</summary>
        public bool Available;
        /// <summary>Why not (a reason code), or null.</summary>
        public string? Reason;
        /// <summary>Fee per copy in yen.</summary>
        public int FeeYen;
        /// <summary>Fee per copy as shown ("¥300").</summary>
        public string FeeText = "";
        /// <summary>Most copies per order.</summary>
        public int MaxCopies = 1;
        /// <summary>Option codes.</summary>
        public string[] Options = new string[0];
        /// <summary>Default state of each option.</summary>
        public bool[] Defaults = new bool[0];
        /// <summary>Ids of the household members the certificate may list (the resident included).</summary>
        public string[] MemberIds = new string[0];
        /// <summary>True when someone besides the resident may be listed, so the terminal asks "only me / whole household".</summary>
        public bool HasHousehold;
        /// <summary>Fiscal years the municipality offers, newest first (at most 9); empty when the certificate takes none.</summary>
        public int[] Years = new int[0];

        /// <summary>Reads the products array of GET /v1/sessions/{sid}/products; skips malformed entries.</summary>
        public static Product[] ParseList(Hashtable? body)
        {
            ArrayList? list = Json.Array(body, "products");
            if (list == null) return new Product[0];
            ArrayList result = new ArrayList();
            for (int i = 0; i < list.Count; i++)
            {
                Hashtable? o = list[i] as Hashtable;
                string? code = Json.Str(o, "code");
                if (o == null || code == null) continue;
                Product p = new Product();
                p.Code = code;
                p.NameId = Catalog.ProductName(code);
                p.Available = Json.Bool(o, "available", false);
                p.Reason = Json.Str(o, "reason");
                p.FeeYen = Json.Int(o, "feeYen", 0);
                p.FeeText = Yen(p.FeeYen);
                p.MaxCopies = Json.Int(o, "maxCopies", 1);
                if (p.MaxCopies < 1) p.MaxCopies = 1;
                if (p.MaxCopies > 9) p.MaxCopies = 9;
                ArrayList? opts = Json.Array(o, "options");
                int n = opts == null ? 0 : opts.Count;
                if (n > 9) n = 9;
                p.Options = new string[n];
                p.Defaults = new bool[n];
                int k = 0;
                for (int j = 0; j < n; j++)
                {
                    Hashtable? opt = opts![j] as Hashtable;
                    string? oc = Json.Str(opt, "code");
                    if (oc == null) continue;
                    p.Options[k] = oc;
                    p.Defaults[k] = Json.Bool(opt, "default", false);
                    k++;
                }
                if (k < n)
                {
                    string[] o2 = new string[k];
                    bool[] d2 = new bool[k];
                    System.Array.Copy(p.Options, o2, k);
                    System.Array.Copy(p.Defaults, d2, k);
                    p.Options = o2;
                    p.Defaults = d2;
                }
                ParseMembers(p, Json.Array(o, "members"));
                ParseYears(p, Json.Array(o, "years"));
                result.Add(p);
            }
            Product[] arr = new Product[result.Count];
            for (int i = 0; i < arr.Length; i++) arr[i] = (Product)result[i]!;
            return arr;
        }

        static void ParseMembers(Product p, ArrayList? members)
        {
            if (members == null || members.Count == 0) return;
            ArrayList ids = new ArrayList();
            for (int i = 0; i < members.Count; i++)
            {
                Hashtable? m = members[i] as Hashtable;
                string? id = Json.Str(m, "id");
                if (id == null) continue;
                ids.Add(id);
                if (!Json.Bool(m, "applicant", false)) p.HasHousehold = true;
            }
            p.MemberIds = new string[ids.Count];
            for (int i = 0; i < ids.Count; i++) p.MemberIds[i] = (string)ids[i]!;
        }

        static void ParseYears(Product p, ArrayList? years)
        {
            if (years == null || years.Count == 0) return;
            int[] found = new int[years.Count > 9 ? 9 : years.Count];
            int n = 0;
            for (int i = 0; i < years.Count; i++)
            {
                object? v = years[i];
                int y = v is int ? (int)v : 0;
                if (y < 1900 || y > 2200) continue;
                // Newest first, duplicates dropped; insertion keeps it simple for at most nine years.
                int at = 0;
                bool dup = false;
                while (at < n && found[at] >= y) { if (found[at] == y) dup = true; at++; }
                if (dup) continue;
                if (n == found.Length) { if (at >= n) continue; n--; }
                for (int k = n; k > at; k--) found[k] = found[k - 1];
                found[at] = y;
                n++;
            }
            p.Years = new int[n];
            System.Array.Copy(found, p.Years, n);
        }

        /// <summary>"¥1,234" for an amount in yen.</summary>
        public static string Yen(int amount)
        {
            string digits = amount.ToString();
            System.Text.StringBuilder sb = new System.Text.StringBuilder("¥");
            for (int i = 0; i < digits.Length; i++)
            {
                if (i > 0 && digits[i - 1] != '-' && (digits.Length - i) % 3 == 0) sb.Append(',');
                sb.Append(digits[i]);
            }
            return sb.ToString();
        }
    }
}
